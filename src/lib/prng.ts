/** A seeded pseudo-random source in [0, 1): the same seed gives the same sequence, run after run. */
export type Rng = () => number;

/**
 * mulberry32: tiny, fast and good enough for generated test worlds, benchmark data and the offline
 * evaluation — never for anything secret (src/lib/crypto.ts draws from the CSPRNG).
 */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
