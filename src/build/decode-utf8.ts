/** A chapter file's text, or where its bytes stop being UTF-8. */
export type Decoded = { ok: true; text: string } | { ok: false; byteOffset: number; line: number };

const BOM = '\uFEFF';

/**
 * Decodes a slide file strictly: remark would show invalid bytes as replacement characters
 * and a byte-order mark as text before the first slide's properties (which then show as text).
 */
export function decodeUtf8(bytes: Uint8Array): Decoded {
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    return { ok: true, text: (text.startsWith(BOM) ? text.slice(1) : text).replace(/\r\n?/g, '\n') };
  } catch {
    const byteOffset = firstInvalidByte(bytes);
    let line = 1;
    for (let i = 0; i < byteOffset; i++) if (bytes[i] === 10) line++;
    return { ok: false, byteOffset, line };
  }
}

/** Offset of the first byte that does not start or continue a well-formed UTF-8 sequence. */
function firstInvalidByte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    try {
      // Overlong forms and surrogates have the right shape but are still not UTF-8.
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(i, i + need + 1));
    } catch {
      return i;
    }
    i += need + 1;
  }
  return i;
}
