-- Custom migration (drizzle-kit cannot express a data fix or a trigger).
--
-- 1. Usernames are stored in the one spelling src/lib/username.ts makes (NFKC, lowercase,
--    combining marks dropped). Names were created ASCII-only, so this lowercases them; the old
--    unique index on lower(username) guarantees no two collide.
UPDATE "users"
SET "username" = normalize(regexp_replace(normalize(lower(normalize("username", NFKC)), NFD), '[\u0300-\u036f]', '', 'g'), NFC)
WHERE "username" IS NOT NULL
  AND "username" <> normalize(regexp_replace(normalize(lower(normalize("username", NFKC)), NFD), '[\u0300-\u036f]', '', 'g'), NFC);
--> statement-breakpoint
-- 2. Sessions carry users.token_version (claim `tv`). Any change to what a session vouches for
--    (the password, the sign-in phone, the disabled flag, role, region, employer, labourer) moves
--    it, whichever code path or manual SQL makes the change, so every session issued before ends.
CREATE OR REPLACE FUNCTION users_bump_token_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.password_hash IS DISTINCT FROM OLD.password_hash
     OR NEW.phone_hash IS DISTINCT FROM OLD.phone_hash
     OR NEW.disabled_at IS DISTINCT FROM OLD.disabled_at
     OR NEW.role IS DISTINCT FROM OLD.role
     OR NEW.region_code IS DISTINCT FROM OLD.region_code
     OR NEW.employer_id IS DISTINCT FROM OLD.employer_id
     OR NEW.labourer_id IS DISTINCT FROM OLD.labourer_id THEN
    NEW.token_version := GREATEST(NEW.token_version, OLD.token_version + 1);
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER users_bump_token_version BEFORE UPDATE ON "users"
  FOR EACH ROW EXECUTE FUNCTION users_bump_token_version();
