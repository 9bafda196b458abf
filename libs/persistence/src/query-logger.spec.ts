import { ParameterFreeLogger } from './query-logger';

describe('ParameterFreeLogger', () => {
  it('prints a failed query and its error, never its parameters', () => {
    const printed: string[] = [];
    const error = jest.spyOn(console, 'error').mockImplementation((line: string) => void printed.push(line));
    try {
      new ParameterFreeLogger().logQueryError(
        new Error('could not extend file "base/1/2": File too large'),
        'INSERT INTO received_payload (sha256, content)\n   VALUES ($1, $2)',
        ['cf6b68', Buffer.from('Marie Dupont, 12 rue des Lilas')],
      );
    } finally {
      error.mockRestore();
    }
    expect(printed).toEqual(['query failed: could not extend file "base/1/2": File too large -- INSERT INTO received_payload (sha256, content) VALUES ($1, $2) (2 parameters withheld)']);
  });
});
