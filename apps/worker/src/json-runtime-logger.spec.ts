import { JsonRuntimeLogger } from './json-runtime-logger';

describe(JsonRuntimeLogger.name, () => {
  it('writes one JSON line per entry with the workflow id of the activity as correlation id', () => {
    const lines: string[] = [];
    new JsonRuntimeLogger((l) => lines.push(l)).info('Activity completed', {
      sdkComponent: 'activity', workflowId: 'act-213502388-20260305-2026_014-DE', activityType: 'extractActText', attempt: 1, actId: 'a-1',
    });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({
      level: 'info', context: 'activity', message: 'Activity completed', workflowId: 'act-213502388-20260305-2026_014-DE', activityType: 'extractActText', actId: 'a-1', attempt: 1,
    });
  });
});
