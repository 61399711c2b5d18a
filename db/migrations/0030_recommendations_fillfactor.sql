-- A recommendation row is updated after it is stored: its push's outcome (delivery_status, every
-- row of a round, moments after the insert), then the person's feedback. None of those columns is
-- indexed, so the update can stay on the row's page (a HOT update, no new entry in the table's four
-- indexes) when the page has room; packed full, 88 % of these updates wrote four index entries each
-- (push benchmark, docs/BENCHMARKS.md "Seventh session"). New pages keep 30 % free for them.
ALTER TABLE "recommendations" SET (fillfactor = 70);
