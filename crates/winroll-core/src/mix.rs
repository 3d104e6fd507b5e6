//! A small multiply-xor hash over 64-bit words, shared by the content fingerprints: the batch
//! engine's exact one and the diff's order-free digest. Fast, and no defence against someone
//! crafting a collision: both guard against a file edited between two reads.

/// The hash so far. Each step answers the next state, so a walk over a value reads as a fold.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Mix(u64);

impl Mix {
    const K: u64 = 0x517c_c1b7_2722_0a95;

    /// One word mixed in.
    #[must_use]
    pub fn word(self, w: u64) -> Self {
        Self((self.0.rotate_left(5) ^ w).wrapping_mul(Self::K))
    }

    /// Bytes mixed in, their length first, eight at a time.
    #[must_use]
    pub fn bytes(self, data: &[u8]) -> Self {
        let mut hash = self.word(data.len() as u64);
        let mut chunks = data.chunks_exact(8);
        for chunk in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(chunk);
            hash = hash.word(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            hash = hash.word(u64::from_le_bytes(w));
        }
        hash
    }

    pub fn finish(self) -> u64 {
        self.0
    }
}
