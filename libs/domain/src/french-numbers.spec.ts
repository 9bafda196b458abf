import { parseFrenchNumber } from './french-numbers';

describe(parseFrenchNumber.name, () => {
  it.each([
    ['17', 17],
    ['1er', 1],
    ['une', 1],
    ['quinze', 15],
    ['dix-sept', 17],
    ['vingt et un', 21],
    ['soixante-dix', 70],
    ['quatre-vingts', 80],
    ['quatre-vingt-dix-neuf', 99],
    ['deux cent trois', 203],
    ['deux mille vingt-trois', 2023],
    ['deux mil douze', 2012],
    ['Deux Mille Vingt-Cinq', 2025],
    ['mil neuf cent quatre-vingt-dix-huit', 1998],
  ])('reads %s as %d', (text, value) => {
    expect(parseFrenchNumber(text)).toBe(value);
  });

  it.each(['', 'conseillers', 'deux cents euros', '12a'])('leaves %j unread', (text) => {
    expect(parseFrenchNumber(text)).toBeUndefined();
  });
});
