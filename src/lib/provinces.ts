/**
 * GB/T 2260 province-level codes (two digits): the 31 mainland provinces, autonomous regions and
 * municipalities, Taiwan (71), Hong Kong (81) and Macao (82). The one list; callers add what
 * their own number format allows besides (credit codes: 10, bodies registered nationally; ID
 * numbers: 83, the residence permits of Hong Kong, Macao and Taiwan residents).
 */
export const PROVINCE_CODES: readonly string[] = [
  "11",
  "12",
  "13",
  "14",
  "15",
  "21",
  "22",
  "23",
  "31",
  "32",
  "33",
  "34",
  "35",
  "36",
  "37",
  "41",
  "42",
  "43",
  "44",
  "45",
  "46",
  "50",
  "51",
  "52",
  "53",
  "54",
  "61",
  "62",
  "63",
  "64",
  "65",
  "71",
  "81",
  "82",
];
