import {
  doublePrecision,
  index,
  pgEnum,
  pgTable,
  smallint,
  text,
  varchar,
} from "drizzle-orm/pg-core";

export const regionLevel = pgEnum("region_level", [
  "province",
  "city",
  "county",
  "township",
  "village",
]);

/**
 * GB/T 2260 divisions (and the statistical township/village codes that extend them), stored in
 * their short canonical form so that scope checks are prefix checks: 45 (广西) ⊃ 4503 (桂林市)
 * ⊃ 450332 (恭城瑶族自治县) ⊃ 450332100 (township) ⊃ 450332100201 (village).
 */
export const regions = pgTable(
  "regions",
  {
    code: varchar({ length: 12 }).primaryKey(),
    name: text().notNull(),
    /** Name without the administrative suffix and ethnic qualifiers: 恭城瑶族自治县 → 恭城. */
    shortName: text().notNull(),
    /** 广西壮族自治区 桂林市 恭城瑶族自治县: what a person reads on a page. */
    fullName: text().notNull(),
    level: regionLevel().notNull(),
    depth: smallint().notNull(),
    parentCode: varchar({ length: 12 }),
    lat: doublePrecision(),
    lng: doublePrecision(),
    /** Where lat/lng came from, e.g. "geojson:county-centroid" or "inherited:450332". */
    coordSource: text(),
  },
  (t) => [
    index("regions_parent_idx").on(t.parentCode),
    index("regions_name_idx").on(t.name),
    index("regions_short_name_idx").on(t.shortName),
  ],
);
