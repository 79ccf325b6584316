//! A small deterministic PRNG (xorshift64*): the same seed gives the same
//! programs on every machine, so a fuzz run can be repeated.

pub struct Rng(pub u64);

impl Rng {
    /// A generator from a seed (any value; zero is moved off the fixed point).
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// True one time in `n`.
    pub fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    /// A size that is usually small and sometimes very large: 1..=8 most of
    /// the time, up to `max` one time in `rare`.
    pub fn size(&mut self, max: usize, rare: usize) -> usize {
        if self.one_in(rare) { 1 + self.below(max) } else { 1 + self.below(8) }
    }
}
