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

/**
 * Guangdong's 21 prefecture cities (GB/T 2260, four digits) and their short names: the place of a
 * Guangdong–Guangxi posting without a place name, and the preset destinations of the transport
 * subsidy.
 */
export const GUANGDONG_CITIES: Readonly<Record<string, string>> = {
  "4401": "广州",
  "4402": "韶关",
  "4403": "深圳",
  "4404": "珠海",
  "4405": "汕头",
  "4406": "佛山",
  "4407": "江门",
  "4408": "湛江",
  "4409": "茂名",
  "4412": "肇庆",
  "4413": "惠州",
  "4414": "梅州",
  "4415": "汕尾",
  "4416": "河源",
  "4417": "阳江",
  "4418": "清远",
  "4419": "东莞",
  "4420": "中山",
  "4451": "潮州",
  "4452": "揭阳",
  "4453": "云浮",
};
