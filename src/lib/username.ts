/**
 * The one spelling of a username: stored at creation, looked up at sign-in, and used as the
 * sign-in limiter's key, so that every way of writing a name reaches the same account AND the
 * same failure counter.
 *
 * NFKC folds compatibility forms (full-width ａｄｍｉｎ, the Kelvin sign K); one lowercase rule
 * (JavaScript's, locale-free) folds case; the combining marks left over are then dropped, so that
 * `İ` (U+0130, which lowercases to `i` + U+0307) and other accented spellings fold to their base
 * letter. Usernames are created ASCII-only (CreateUserBody, employer registration), so nothing
 * a person can register is changed by the last step: it only stops look-alikes counting apart.
 * Postgres' lower() is no longer used for names: its rule follows the database's collation.
 */
export function normalizeUsername(raw: string): string {
  return raw
    .trim()
    .normalize("NFKC")
    .toLowerCase()
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .normalize("NFC");
}
