// The national algorithms that the console needs for certificate sign-in, in plain JavaScript so
// that the console works offline: SM3 (GB/T 32905), SM4 (GB/T 32907) with GCM (NIST SP 800-38D),
// scrypt (RFC 7914) and SM2 signing (GB/T 32918.2). The private key and the passphrase stay in the
// page: nothing here sends anything over the network.
//
// NOTE: BigInt arithmetic and table look-ups in JavaScript take time that depends on the data, so
// the SM2 and SM4 code here is not constant-time. The key is decrypted and used only inside the
// holder's own browser for one signature per sign-in, so a timing attacker would need code running
// beside it on that machine. The server side uses the constant-time implementation in Jinbao.Trust.
'use strict';

const SmCrypto = (() => {
  // ---- Bytes ----------------------------------------------------------------------------------

  function concatBytes(...parts) {
    const output = new Uint8Array(parts.reduce((total, part) => total + part.length, 0));
    let offset = 0;
    for (const part of parts) {
      output.set(part, offset);
      offset += part.length;
    }
    return output;
  }

  function hexToBytes(hex) {
    if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) throw new SmCryptoError('invalid-hex');
    const output = new Uint8Array(hex.length / 2);
    for (let i = 0; i < output.length; i++) output[i] = parseInt(hex.substr(i * 2, 2), 16);
    return output;
  }

  function bytesToHex(bytes) {
    return Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
  }

  function base64ToBytes(text) {
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) throw new SmCryptoError('invalid-base64');
    const binary = atob(text);
    return Uint8Array.from(binary, c => c.charCodeAt(0));
  }

  function bytesToBase64(bytes) {
    let binary = '';
    for (const b of bytes) binary += String.fromCharCode(b);
    return btoa(binary);
  }

  function bytesToBigInt(bytes) {
    return bytes.length === 0 ? 0n : BigInt('0x' + bytesToHex(bytes));
  }

  function bigIntToBytes(value, length) {
    return hexToBytes(value.toString(16).padStart(length * 2, '0'));
  }

  // An error with a machine-readable code, which the console maps to its Chinese messages.
  class SmCryptoError extends Error {
    constructor(code) {
      super(code);
      this.name = 'SmCryptoError';
      this.code = code;
    }
  }

  const rotl = (x, n) => (x << n) | (x >>> (32 - n));

  // ---- SM3 ------------------------------------------------------------------------------------

  const SM3_IV = [0x7380166f, 0x4914b2b9, 0x172442d7, 0xda8a0600, 0xa96f30bc, 0x163138aa, 0xe38dee4d, 0xb0fb0e4e];

  function sm3Compress(state, block, offset) {
    const w = new Int32Array(68);
    const view = new DataView(block.buffer, block.byteOffset + offset, 64);
    for (let j = 0; j < 16; j++) w[j] = view.getInt32(j * 4);
    for (let j = 16; j < 68; j++) {
      const x = w[j - 16] ^ w[j - 9] ^ rotl(w[j - 3], 15);
      w[j] = (x ^ rotl(x, 15) ^ rotl(x, 23)) ^ rotl(w[j - 13], 7) ^ w[j - 6];
    }

    let [a, b, c, d, e, f, g, h] = state;
    for (let j = 0; j < 64; j++) {
      const t = j < 16 ? 0x79cc4519 : 0x7a879d8a;
      const a12 = rotl(a, 12);
      const ss1 = rotl((a12 + e + rotl(t, j % 32)) | 0, 7);
      const ss2 = ss1 ^ a12;
      const ff = j < 16 ? a ^ b ^ c : (a & b) | (a & c) | (b & c);
      const gg = j < 16 ? e ^ f ^ g : (e & f) | (~e & g);
      const tt1 = (ff + d + ss2 + (w[j] ^ w[j + 4])) | 0;
      const tt2 = (gg + h + ss1 + w[j]) | 0;
      d = c;
      c = rotl(b, 9);
      b = a;
      a = tt1;
      h = g;
      g = rotl(f, 19);
      f = e;
      e = tt2 ^ rotl(tt2, 9) ^ rotl(tt2, 17);
    }

    state[0] ^= a; state[1] ^= b; state[2] ^= c; state[3] ^= d;
    state[4] ^= e; state[5] ^= f; state[6] ^= g; state[7] ^= h;
  }

  // Returns the 32-byte SM3 digest of a byte array.
  function sm3(message) {
    const bitLength = BigInt(message.length) * 8n;
    const paddedLength = Math.ceil((message.length + 9) / 64) * 64;
    const padded = new Uint8Array(paddedLength);
    padded.set(message);
    padded[message.length] = 0x80;
    new DataView(padded.buffer).setBigUint64(paddedLength - 8, bitLength);

    const state = Int32Array.from(SM3_IV);
    for (let offset = 0; offset < paddedLength; offset += 64) sm3Compress(state, padded, offset);
    const digest = new Uint8Array(32);
    const view = new DataView(digest.buffer);
    state.forEach((word, i) => view.setInt32(i * 4, word));
    return digest;
  }

  // ---- SM4 and GCM ----------------------------------------------------------------------------

  const SM4_SBOX = Uint8Array.from([
    0xd6, 0x90, 0xe9, 0xfe, 0xcc, 0xe1, 0x3d, 0xb7, 0x16, 0xb6, 0x14, 0xc2, 0x28, 0xfb, 0x2c, 0x05,
    0x2b, 0x67, 0x9a, 0x76, 0x2a, 0xbe, 0x04, 0xc3, 0xaa, 0x44, 0x13, 0x26, 0x49, 0x86, 0x06, 0x99,
    0x9c, 0x42, 0x50, 0xf4, 0x91, 0xef, 0x98, 0x7a, 0x33, 0x54, 0x0b, 0x43, 0xed, 0xcf, 0xac, 0x62,
    0xe4, 0xb3, 0x1c, 0xa9, 0xc9, 0x08, 0xe8, 0x95, 0x80, 0xdf, 0x94, 0xfa, 0x75, 0x8f, 0x3f, 0xa6,
    0x47, 0x07, 0xa7, 0xfc, 0xf3, 0x73, 0x17, 0xba, 0x83, 0x59, 0x3c, 0x19, 0xe6, 0x85, 0x4f, 0xa8,
    0x68, 0x6b, 0x81, 0xb2, 0x71, 0x64, 0xda, 0x8b, 0xf8, 0xeb, 0x0f, 0x4b, 0x70, 0x56, 0x9d, 0x35,
    0x1e, 0x24, 0x0e, 0x5e, 0x63, 0x58, 0xd1, 0xa2, 0x25, 0x22, 0x7c, 0x3b, 0x01, 0x21, 0x78, 0x87,
    0xd4, 0x00, 0x46, 0x57, 0x9f, 0xd3, 0x27, 0x52, 0x4c, 0x36, 0x02, 0xe7, 0xa0, 0xc4, 0xc8, 0x9e,
    0xea, 0xbf, 0x8a, 0xd2, 0x40, 0xc7, 0x38, 0xb5, 0xa3, 0xf7, 0xf2, 0xce, 0xf9, 0x61, 0x15, 0xa1,
    0xe0, 0xae, 0x5d, 0xa4, 0x9b, 0x34, 0x1a, 0x55, 0xad, 0x93, 0x32, 0x30, 0xf5, 0x8c, 0xb1, 0xe3,
    0x1d, 0xf6, 0xe2, 0x2e, 0x82, 0x66, 0xca, 0x60, 0xc0, 0x29, 0x23, 0xab, 0x0d, 0x53, 0x4e, 0x6f,
    0xd5, 0xdb, 0x37, 0x45, 0xde, 0xfd, 0x8e, 0x2f, 0x03, 0xff, 0x6a, 0x72, 0x6d, 0x6c, 0x5b, 0x51,
    0x8d, 0x1b, 0xaf, 0x92, 0xbb, 0xdd, 0xbc, 0x7f, 0x11, 0xd9, 0x5c, 0x41, 0x1f, 0x10, 0x5a, 0xd8,
    0x0a, 0xc1, 0x31, 0x88, 0xa5, 0xcd, 0x7b, 0xbd, 0x2d, 0x74, 0xd0, 0x12, 0xb8, 0xe5, 0xb4, 0xb0,
    0x89, 0x69, 0x97, 0x4a, 0x0c, 0x96, 0x77, 0x7e, 0x65, 0xb9, 0xf1, 0x09, 0xc5, 0x6e, 0xc6, 0x84,
    0x18, 0xf0, 0x7d, 0xec, 0x3a, 0xdc, 0x4d, 0x20, 0x79, 0xee, 0x5f, 0x3e, 0xd7, 0xcb, 0x39, 0x48,
  ]);
  const SM4_FK = [0xa3b1bac6, 0x56aa3350, 0x677d9197, 0xb27022dc];

  function sm4Tau(x) {
    return (SM4_SBOX[x >>> 24] << 24) | (SM4_SBOX[(x >>> 16) & 0xff] << 16) | (SM4_SBOX[(x >>> 8) & 0xff] << 8) | SM4_SBOX[x & 0xff];
  }

  // Expands a 16-byte key into the 32 round keys.
  function sm4RoundKeys(key) {
    if (key.length !== 16) throw new SmCryptoError('invalid-key');
    const view = new DataView(key.buffer, key.byteOffset, 16);
    const k = [0, 1, 2, 3].map(i => view.getInt32(i * 4) ^ SM4_FK[i]);
    const roundKeys = new Int32Array(32);
    for (let i = 0; i < 32; i++) {
      // CK[i] has the bytes (4i + j) * 7 mod 256 for j = 0..3.
      const ck = ((((4 * i) * 7) & 0xff) << 24) | ((((4 * i + 1) * 7) & 0xff) << 16) | ((((4 * i + 2) * 7) & 0xff) << 8) | (((4 * i + 3) * 7) & 0xff);
      const b = sm4Tau(k[1] ^ k[2] ^ k[3] ^ ck);
      const next = k[0] ^ b ^ rotl(b, 13) ^ rotl(b, 23);
      roundKeys[i] = next;
      k.shift();
      k.push(next);
    }
    return roundKeys;
  }

  function sm4EncryptBlock(roundKeys, input) {
    const view = new DataView(input.buffer, input.byteOffset, 16);
    const x = [0, 1, 2, 3].map(i => view.getInt32(i * 4));
    for (let i = 0; i < 32; i++) {
      const b = sm4Tau(x[1] ^ x[2] ^ x[3] ^ roundKeys[i]);
      const next = x[0] ^ b ^ rotl(b, 2) ^ rotl(b, 10) ^ rotl(b, 18) ^ rotl(b, 24);
      x.shift();
      x.push(next);
    }
    const output = new Uint8Array(16);
    const out = new DataView(output.buffer);
    for (let i = 0; i < 4; i++) out.setInt32(i * 4, x[3 - i]);
    return output;
  }

  // Multiplies two GCM field elements given as 128-bit BigInts (bit 0 of the block is the top bit).
  function gcmMultiply(x, y) {
    const reduction = 0xe1n << 120n;
    let z = 0n;
    let v = y;
    for (let i = 127n; i >= 0n; i--) {
      if ((x >> i) & 1n) z ^= v;
      v = (v & 1n) ? (v >> 1n) ^ reduction : v >> 1n;
    }
    return z;
  }

  function ghash(hashKey, associatedData, ciphertext) {
    const lengths = new Uint8Array(16);
    const view = new DataView(lengths.buffer);
    view.setBigUint64(0, BigInt(associatedData.length) * 8n);
    view.setBigUint64(8, BigInt(ciphertext.length) * 8n);
    const padTo16 = bytes => concatBytes(bytes, new Uint8Array((16 - bytes.length % 16) % 16));
    const input = concatBytes(padTo16(associatedData), padTo16(ciphertext), lengths);
    let y = 0n;
    for (let offset = 0; offset < input.length; offset += 16) {
      y = gcmMultiply(y ^ bytesToBigInt(input.subarray(offset, offset + 16)), hashKey);
    }
    return bigIntToBytes(y, 16);
  }

  // Decrypts SM4-GCM input (ciphertext followed by its 16-byte tag) with a 12-byte nonce.
  // A wrong tag throws SmCryptoError 'tag-mismatch' and returns no plaintext.
  function sm4GcmDecrypt(key, nonce, ciphertextAndTag, associatedData) {
    if (nonce.length !== 12) throw new SmCryptoError('invalid-nonce');
    if (ciphertextAndTag.length < 16) throw new SmCryptoError('tag-mismatch');
    const roundKeys = sm4RoundKeys(key);
    const ciphertext = ciphertextAndTag.subarray(0, ciphertextAndTag.length - 16);
    const tag = ciphertextAndTag.subarray(ciphertextAndTag.length - 16);

    const hashKey = bytesToBigInt(sm4EncryptBlock(roundKeys, new Uint8Array(16)));
    const counter = concatBytes(nonce, Uint8Array.of(0, 0, 0, 1));
    const tagMask = sm4EncryptBlock(roundKeys, counter);
    const expected = ghash(hashKey, associatedData, ciphertext).map((b, i) => b ^ tagMask[i]);
    let difference = 0;
    for (let i = 0; i < 16; i++) difference |= expected[i] ^ tag[i];
    if (difference !== 0) throw new SmCryptoError('tag-mismatch');

    const counterView = new DataView(counter.buffer);
    const plaintext = new Uint8Array(ciphertext.length);
    for (let offset = 0; offset < ciphertext.length; offset += 16) {
      counterView.setUint32(12, counterView.getUint32(12) + 1);
      const keyStream = sm4EncryptBlock(roundKeys, counter);
      for (let i = offset; i < Math.min(offset + 16, ciphertext.length); i++) plaintext[i] = ciphertext[i] ^ keyStream[i - offset];
    }
    return plaintext;
  }

  // ---- scrypt ---------------------------------------------------------------------------------

  async function pbkdf2Sha256(password, salt, length) {
    if (!globalThis.crypto || !globalThis.crypto.subtle) throw new SmCryptoError('no-webcrypto');
    const key = await crypto.subtle.importKey('raw', password, 'PBKDF2', false, ['deriveBits']);
    const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations: 1 }, key, length * 8);
    return new Uint8Array(bits);
  }

  // Salsa20/8 core on the 16 words at b[offset..offset+15], in place.
  function salsa20_8(b, offset) {
    let x0 = b[offset], x1 = b[offset + 1], x2 = b[offset + 2], x3 = b[offset + 3];
    let x4 = b[offset + 4], x5 = b[offset + 5], x6 = b[offset + 6], x7 = b[offset + 7];
    let x8 = b[offset + 8], x9 = b[offset + 9], x10 = b[offset + 10], x11 = b[offset + 11];
    let x12 = b[offset + 12], x13 = b[offset + 13], x14 = b[offset + 14], x15 = b[offset + 15];
    for (let i = 0; i < 8; i += 2) {
      let u;
      u = x0 + x12; x4 ^= (u << 7) | (u >>> 25); u = x4 + x0; x8 ^= (u << 9) | (u >>> 23);
      u = x8 + x4; x12 ^= (u << 13) | (u >>> 19); u = x12 + x8; x0 ^= (u << 18) | (u >>> 14);
      u = x5 + x1; x9 ^= (u << 7) | (u >>> 25); u = x9 + x5; x13 ^= (u << 9) | (u >>> 23);
      u = x13 + x9; x1 ^= (u << 13) | (u >>> 19); u = x1 + x13; x5 ^= (u << 18) | (u >>> 14);
      u = x10 + x6; x14 ^= (u << 7) | (u >>> 25); u = x14 + x10; x2 ^= (u << 9) | (u >>> 23);
      u = x2 + x14; x6 ^= (u << 13) | (u >>> 19); u = x6 + x2; x10 ^= (u << 18) | (u >>> 14);
      u = x15 + x11; x3 ^= (u << 7) | (u >>> 25); u = x3 + x15; x7 ^= (u << 9) | (u >>> 23);
      u = x7 + x3; x11 ^= (u << 13) | (u >>> 19); u = x11 + x7; x15 ^= (u << 18) | (u >>> 14);
      u = x0 + x3; x1 ^= (u << 7) | (u >>> 25); u = x1 + x0; x2 ^= (u << 9) | (u >>> 23);
      u = x2 + x1; x3 ^= (u << 13) | (u >>> 19); u = x3 + x2; x0 ^= (u << 18) | (u >>> 14);
      u = x5 + x4; x6 ^= (u << 7) | (u >>> 25); u = x6 + x5; x7 ^= (u << 9) | (u >>> 23);
      u = x7 + x6; x4 ^= (u << 13) | (u >>> 19); u = x4 + x7; x5 ^= (u << 18) | (u >>> 14);
      u = x10 + x9; x11 ^= (u << 7) | (u >>> 25); u = x11 + x10; x8 ^= (u << 9) | (u >>> 23);
      u = x8 + x11; x9 ^= (u << 13) | (u >>> 19); u = x9 + x8; x10 ^= (u << 18) | (u >>> 14);
      u = x15 + x14; x12 ^= (u << 7) | (u >>> 25); u = x12 + x15; x13 ^= (u << 9) | (u >>> 23);
      u = x13 + x12; x14 ^= (u << 13) | (u >>> 19); u = x14 + x13; x15 ^= (u << 18) | (u >>> 14);
    }
    b[offset] += x0; b[offset + 1] += x1; b[offset + 2] += x2; b[offset + 3] += x3;
    b[offset + 4] += x4; b[offset + 5] += x5; b[offset + 6] += x6; b[offset + 7] += x7;
    b[offset + 8] += x8; b[offset + 9] += x9; b[offset + 10] += x10; b[offset + 11] += x11;
    b[offset + 12] += x12; b[offset + 13] += x13; b[offset + 14] += x14; b[offset + 15] += x15;
  }

  // scryptBlockMix (RFC 7914 section 4): reads the 32r words of x, writes them to y.
  function blockMix(x, y, r) {
    const t = new Uint32Array(16);
    t.set(x.subarray((2 * r - 1) * 16, 2 * r * 16));
    for (let i = 0; i < 2 * r; i++) {
      for (let j = 0; j < 16; j++) t[j] ^= x[i * 16 + j];
      salsa20_8(t, 0);
      // Even blocks go to the first half of the output and odd blocks to the second half.
      y.set(t, ((i & 1) * r + (i >> 1)) * 16);
    }
  }

  // scryptROMix (RFC 7914 section 5) on one 128r-byte block, in place. Needs 128rN bytes of memory.
  function roMix(block, r, n) {
    const words = 32 * r;
    const view = new DataView(block.buffer, block.byteOffset, block.length);
    let x = new Uint32Array(words);
    let y = new Uint32Array(words);
    for (let i = 0; i < words; i++) x[i] = view.getUint32(i * 4, true);
    const v = new Uint32Array(words * n);
    for (let i = 0; i < n; i++) {
      v.set(x, i * words);
      blockMix(x, y, r);
      [x, y] = [y, x];
    }
    for (let i = 0; i < n; i++) {
      const j = x[(2 * r - 1) * 16] & (n - 1);
      for (let k = 0; k < words; k++) x[k] ^= v[j * words + k];
      blockMix(x, y, r);
      [x, y] = [y, x];
    }
    for (let i = 0; i < words; i++) view.setUint32(i * 4, x[i], true);
    v.fill(0);
  }

  // Derives a key with scrypt (RFC 7914). The cost N must be a power of two.
  async function scrypt(password, salt, cost, blockSize, parallelism, length) {
    const blocks = await pbkdf2Sha256(password, salt, parallelism * 128 * blockSize);
    for (let i = 0; i < parallelism; i++) roMix(blocks.subarray(i * 128 * blockSize, (i + 1) * 128 * blockSize), blockSize, cost);
    const key = await pbkdf2Sha256(password, blocks, length);
    blocks.fill(0);
    return key;
  }

  // ---- SM2 ------------------------------------------------------------------------------------

  const P = 0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFFn;
  const A = P - 3n;
  const B = 0x28E9FA9E9D9F5E344D5A9E4BCF6509A7F39789F515AB8F92DDBCBD414D940E93n;
  const N = 0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFF7203DF6B21C6052B53BBF40939D54123n;
  const GX = 0x32C4AE2C1F1981195F9904466A39C9948FE30BBFF2660BE1715A4589334C74C7n;
  const GY = 0xBC3736A2F4F6779C59BDCEE36B692153D0A9877CC62A474002DF32E52139F0A0n;

  const mod = (a, m) => { const r = a % m; return r < 0n ? r + m : r; };

  function invert(a, m) {
    let [oldR, r] = [mod(a, m), m];
    let [oldS, s] = [1n, 0n];
    while (r !== 0n) {
      const q = oldR / r;
      [oldR, r] = [r, oldR - q * r];
      [oldS, s] = [s, oldS - q * s];
    }
    if (oldR !== 1n) throw new SmCryptoError('not-invertible');
    return mod(oldS, m);
  }

  // Points are Jacobian [X, Y, Z] with x = X/Z² and y = Y/Z³. Z = 0 is the point at infinity.
  const INFINITY = [1n, 1n, 0n];

  function pointDouble([x, y, z]) {
    if (z === 0n || y === 0n) return INFINITY;
    // a = −3: M = 3(X − Z²)(X + Z²).
    const zz = mod(z * z, P);
    const m = mod(3n * (x - zz) * (x + zz), P);
    const yy = mod(y * y, P);
    const s = mod(4n * x * yy, P);
    const x3 = mod(m * m - 2n * s, P);
    const y3 = mod(m * (s - x3) - 8n * yy * yy, P);
    const z3 = mod(2n * y * z, P);
    return [x3, y3, z3];
  }

  function pointAdd(p1, p2) {
    if (p1[2] === 0n) return p2;
    if (p2[2] === 0n) return p1;
    const [x1, y1, z1] = p1;
    const [x2, y2, z2] = p2;
    const z1z1 = mod(z1 * z1, P);
    const z2z2 = mod(z2 * z2, P);
    const u1 = mod(x1 * z2z2, P);
    const u2 = mod(x2 * z1z1, P);
    const s1 = mod(y1 * z2 * z2z2, P);
    const s2 = mod(y2 * z1 * z1z1, P);
    const h = mod(u2 - u1, P);
    const rr = mod(s2 - s1, P);
    if (h === 0n) return rr === 0n ? pointDouble(p1) : INFINITY;
    const hh = mod(h * h, P);
    const hhh = mod(h * hh, P);
    const v = mod(u1 * hh, P);
    const x3 = mod(rr * rr - hhh - 2n * v, P);
    const y3 = mod(rr * (v - x3) - s1 * hhh, P);
    const z3 = mod(z1 * z2 * h, P);
    return [x3, y3, z3];
  }

  function toAffine([x, y, z]) {
    if (z === 0n) throw new SmCryptoError('point-at-infinity');
    const zInverse = invert(z, P);
    const zInverse2 = mod(zInverse * zInverse, P);
    return [mod(x * zInverse2, P), mod(y * zInverse2 * zInverse, P)];
  }

  // Returns k·G in affine coordinates with a fixed 4-bit window from the top (64 windows for any k).
  function multiplyBase(k) {
    const table = [INFINITY, [GX, GY, 1n]];
    for (let i = 2; i < 16; i++) table.push(pointAdd(table[i - 1], table[1]));
    let result = INFINITY;
    for (let shift = 252n; shift >= 0n; shift -= 4n) {
      for (let i = 0; i < 4; i++) result = pointDouble(result);
      result = pointAdd(result, table[Number((k >> shift) & 15n)]);
    }
    return toAffine(result);
  }

  // Returns the 65-byte uncompressed public key 04‖x‖y of the private scalar d.
  function publicKeyOf(d) {
    const [x, y] = multiplyBase(d);
    return concatBytes(Uint8Array.of(4), bigIntToBytes(x, 32), bigIntToBytes(y, 32));
  }

  // Z = SM3(ENTL‖ID‖a‖b‖xG‖yG‖xA‖yA), with ENTL the bit length of the signer ID as 2 bytes.
  function computeZ(publicKey, id) {
    const bits = id.length * 8;
    if (bits > 0xffff) throw new SmCryptoError('invalid-id');
    return sm3(concatBytes(Uint8Array.of(bits >> 8, bits & 0xff), id,
      bigIntToBytes(A, 32), bigIntToBytes(B, 32), bigIntToBytes(GX, 32), bigIntToBytes(GY, 32), publicKey.subarray(1, 65)));
  }

  function randomScalar() {
    const bytes = new Uint8Array(32);
    while (true) {
      crypto.getRandomValues(bytes);
      const k = bytesToBigInt(bytes);
      if (k >= 1n && k < N) return k;
    }
  }

  function derInteger(value) {
    let bytes = hexToBytes(value.toString(16).padStart(2 * Math.ceil(value.toString(16).length / 2), '0'));
    if (bytes[0] & 0x80) bytes = concatBytes(Uint8Array.of(0), bytes);
    return concatBytes(Uint8Array.of(0x02, bytes.length), bytes);
  }

  // Signs message with the private scalar d and signer ID id and returns DER SEQUENCE { r, s }.
  // publicKey is d's 65-byte public key, which enters the digest through Z.
  function sm2Sign(d, publicKey, message, id) {
    if (d < 1n || d > N - 2n) throw new SmCryptoError('invalid-private-key');
    const e = bytesToBigInt(sm3(concatBytes(computeZ(publicKey, id), message)));
    const inverseOnePlusD = invert(1n + d, N);
    while (true) {
      const k = randomScalar();
      const [x1] = multiplyBase(k);
      const r = mod(e + x1, N);
      if (r === 0n || r + k === N) continue;
      const s = mod(inverseOnePlusD * (k - r * d), N);
      if (s === 0n) continue;
      const body = concatBytes(derInteger(r), derInteger(s));
      return concatBytes(Uint8Array.of(0x30, body.length), body);
    }
  }

  // ---- Encrypted key file ---------------------------------------------------------------------

  const KEY_FILE_FORMAT = 'jinbao-sm2-key-1';
  const MAX_SCRYPT_COST = 1 << 22;

  // Writes a JSON string as System.Text.Json does with its default encoder, which escapes the
  // HTML-sensitive characters " & ' + < > ` and everything outside printable ASCII as \uXXXX.
  function dotNetJsonString(text) {
    let output = '"';
    for (const c of text) {
      const code = c.codePointAt(0);
      if (code >= 0x20 && code < 0x7f && !'"&\'+<>`\\'.includes(c)) output += c;
      else if (c === '\\') output += '\\\\';
      else output += Array.from(c, unit => '\\u' + unit.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')).join('');
    }
    return output + '"';
  }

  // The GCM associated data: the header serialized as EncryptedKeyFile in Jinbao.Trust writes it,
  // in declaration order, so changing any KDF parameter makes the tag check fail.
  function headerAssociatedData(header) {
    const text = `{"format":${dotNetJsonString(header.format)},"scryptN":${header.scryptN},"scryptR":${header.scryptR},"scryptP":${header.scryptP}`
      + `,"salt":${dotNetJsonString(header.salt)},"nonce":${dotNetJsonString(header.nonce)},"publicKey":${dotNetJsonString(header.publicKey)}}`;
    return new TextEncoder().encode(text);
  }

  function readKeyFileHeader(content) {
    let file;
    try {
      file = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(content));
    } catch {
      throw new SmCryptoError('key-file-invalid');
    }
    const header = file && file.header;
    const isCost = value => Number.isInteger(value) && value >= 2 && value <= MAX_SCRYPT_COST && (value & (value - 1)) === 0;
    if (!header || header.format !== KEY_FILE_FORMAT || typeof file.sealedKey !== 'string'
      || typeof header.salt !== 'string' || typeof header.nonce !== 'string' || typeof header.publicKey !== 'string'
      || !isCost(header.scryptN) || header.scryptR !== 8 || header.scryptP !== 1) {
      throw new SmCryptoError('key-file-invalid');
    }
    return { header, sealedKey: file.sealedKey };
  }

  // Returns the public key that a key file's header names, as lower-case hex of the 65-byte point,
  // without the passphrase. Throws SmCryptoError 'key-file-invalid' for a file that is not a key file.
  function keyFilePublicKey(content) {
    return readKeyFileHeader(content).header.publicKey.toLowerCase();
  }

  // The DER of the sm2p256v1 curve identifier (1.2.156.10197.1.301), which an SM2 certificate's
  // SubjectPublicKeyInfo carries right before its BIT STRING 03 42 00 04 X Y.
  const SM2_CURVE_OID = [0x06, 0x08, 0x2A, 0x81, 0x1C, 0xCF, 0x55, 0x01, 0x82, 0x2D];

  // Returns the SM2 public key of a DER certificate as lower-case hex of the 65-byte point. Returns
  // null when no SM2 public key follows the curve identifier (another algorithm, or damaged DER),
  // so that the server's checks decide.
  function certificatePublicKey(der) {
    const matchesAt = (pattern, at) => pattern.every((b, i) => der[at + i] === b);
    for (let i = 0; i + SM2_CURVE_OID.length + 4 + 64 <= der.length; i++) {
      if (!matchesAt(SM2_CURVE_OID, i)) continue;
      const bits = i + SM2_CURVE_OID.length;
      return matchesAt([0x03, 0x42, 0x00, 0x04], bits) ? bytesToHex(der.subarray(bits + 3, bits + 4 + 64)) : null;
    }
    return null;
  }

  // Opens a key file of EncryptedKeyFile (JSON, scrypt, SM4-GCM) with its passphrase and returns
  // { privateKey: BigInt, publicKey: 65 bytes }. Throws SmCryptoError 'key-file-invalid' for a file
  // that is not such a key file and 'wrong-passphrase' when the tag check fails.
  async function openKeyFile(content, passphrase) {
    if (!passphrase) throw new SmCryptoError('passphrase-empty');
    const { header, sealedKey } = readKeyFileHeader(content);
    let salt, nonce, sealed, publicKey;
    try {
      salt = base64ToBytes(header.salt);
      nonce = base64ToBytes(header.nonce);
      sealed = base64ToBytes(sealedKey);
      publicKey = hexToBytes(header.publicKey);
    } catch {
      throw new SmCryptoError('key-file-invalid');
    }

    const wrappingKey = await scrypt(new TextEncoder().encode(passphrase), salt, header.scryptN, header.scryptR, header.scryptP, 16);
    let secret;
    try {
      secret = sm4GcmDecrypt(wrappingKey, nonce, sealed, headerAssociatedData(header));
    } catch (err) {
      if (err instanceof SmCryptoError && (err.code === 'tag-mismatch' || err.code === 'invalid-nonce')) throw new SmCryptoError('wrong-passphrase');
      throw err;
    } finally {
      wrappingKey.fill(0);
    }

    const privateKey = bytesToBigInt(secret);
    secret.fill(0);
    if (privateKey < 1n || privateKey > N - 2n || bytesToHex(publicKeyOf(privateKey)) !== header.publicKey) {
      throw new SmCryptoError('key-file-invalid');
    }
    return { privateKey, publicKey };
  }

  return Object.freeze({
    SmCryptoError,
    DEFAULT_SIGNER_ID: new TextEncoder().encode('1234567812345678'),
    sm3,
    sm4RoundKeys,
    sm4EncryptBlock,
    sm4GcmDecrypt,
    scrypt,
    publicKeyOf,
    sm2Sign,
    openKeyFile,
    keyFilePublicKey,
    certificatePublicKey,
    hexToBytes,
    bytesToHex,
    base64ToBytes,
    bytesToBase64,
  });
})();
