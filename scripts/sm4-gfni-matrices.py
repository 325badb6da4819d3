#!/usr/bin/env python3
"""Derive the GFNI matrices of src/Jinbao.Trust/Algorithms/Sm4Gfni.cs and check them.

SM4's S-box is S(y) = A*I(A*y + 0xD3) + 0xD3, with I the inversion modulo
x^8+x^7+x^6+x^5+x^4+x^2+1 and A the circulant bit matrix built from 0xA7. The script
finds the field isomorphism T into the AES field, forms A1 = T*A and A2 = A*T^-1, and
the matrices of the mapped rounds. It prints them in GFNI's row order (output bit i is
the parity of byte 7-i of the 64-bit matrix AND the input byte) and checks a whole
encryption against the example of GB/T 32907-2016. Run: python3 scripts/sm4-gfni-matrices.py
"""

SM4_POLY, AES_POLY = 0x1F5, 0x11B


def gf_mul(a, b, poly):
    product = 0
    for i in range(8):
        if (b >> i) & 1:
            product ^= a << i
    for bit in range(14, 7, -1):
        if (product >> bit) & 1:
            product ^= poly << (bit - 8)
    return product


def gf_inv(x, poly):
    result, power, exponent = 1, x, 254
    if x == 0:
        return 0
    while exponent:
        if exponent & 1:
            result = gf_mul(result, power, poly)
        power = gf_mul(power, power, poly)
        exponent >>= 1
    return result


# A linear map on bytes is stored as the images of the eight unit vectors (its columns).
def apply(columns, x):
    result = 0
    for j in range(8):
        if (x >> j) & 1:
            result ^= columns[j]
    return result


def from_function(function):
    return [function(1 << j) for j in range(8)]


def compose(outer, inner):
    return [apply(outer, apply(inner, 1 << j)) for j in range(8)]


def invert(columns):
    images = {apply(columns, x): x for x in range(256)}
    assert len(images) == 256
    return [images[1 << j] for j in range(8)]


def sm4_linear(x):
    result = 0
    for row in range(8):
        mask = ((0xA7 << row) | (0xA7 >> (8 - row))) & 0xFF
        result |= (bin(mask & x).count("1") & 1) << row
    return result


def gfni_rows(columns):
    rows = 0
    for i in range(8):
        row = sum(1 << j for j in range(8) if (columns[j] >> i) & 1)
        rows |= row << (8 * (7 - i))
    return rows


A = from_function(sm4_linear)
SBOX = [apply(A, gf_inv(apply(A, x) ^ 0xD3, SM4_POLY)) ^ 0xD3 for x in range(256)]
assert SBOX[:4] == [0xD6, 0x90, 0xE9, 0xFE]


def powers(beta):
    result, value = [], 1
    for _ in range(8):
        result.append(value)
        value = gf_mul(value, beta, AES_POLY)
    return result


def is_isomorphism(columns):
    if len({apply(columns, x) for x in range(256)}) < 256:
        return False
    inverse = invert(columns)
    return all(apply(inverse, gf_inv(apply(columns, y), AES_POLY)) == gf_inv(y, SM4_POLY) for y in range(256))


beta = next(b for b in range(2, 256) if is_isomorphism(powers(b)))
T = powers(beta)
A1, A2 = compose(T, A), compose(A, invert(T))
c1 = apply(T, 0xD3)
assert all(apply(A2, gf_inv(apply(A1, x) ^ c1, AES_POLY)) ^ 0xD3 == SBOX[x] for x in range(256))

Ma = compose(A1, from_function(lambda x: (x << 2) & 0xFF))
Mb = compose(A1, from_function(lambda x: x >> 6))
MATRICES = {
    "A1": A1,
    "A1Inverse": invert(A1),
    "SboxThenA1": compose(A1, A2),
    "SboxThenMa": compose(Ma, A2),
    "SboxThenMb": compose(Mb, A2),
}
CONSTANTS = {"InputConstant": c1, "SboxThenA1": apply(A1, 0xD3), "SboxThenMa": apply(Ma, 0xD3), "SboxThenMb": apply(Mb, 0xD3)}


def bytewise(function, word):
    return sum(function((word >> (8 * i)) & 0xFF) << (8 * i) for i in range(4))


def rol(word, count):
    return ((word << count) | (word >> (32 - count))) & 0xFFFFFFFF


def round_keys(key):
    family = [0xA3B1BAC6, 0x56AA3350, 0x677D9197, 0xB27022DC]
    k = [int.from_bytes(key[4 * i:4 * i + 4], "big") ^ family[i] for i in range(4)]
    keys = []
    for i in range(32):
        ck = int.from_bytes(bytes(((4 * i + j) * 7) & 0xFF for j in range(4)), "big")
        b = bytewise(lambda x: SBOX[x], k[1] ^ k[2] ^ k[3] ^ ck)
        k = k[1:] + [k[0] ^ b ^ rol(b, 13) ^ rol(b, 23)]
        keys.append(k[3])
    return keys


def encrypt_mapped(key, block):
    """Encrypt one block in the mapped form that Sm4Gfni.RunRounds computes."""
    affine = lambda m, c, w: bytewise(lambda x: apply(m, x) ^ c, w)
    affine_inverse = lambda m, c, w: bytewise(lambda x: apply(m, gf_inv(x, AES_POLY)) ^ c, w)
    keys = [affine(A1, c1, k) for k in round_keys(key)]
    x = [affine(A1, 0, int.from_bytes(block[4 * i:4 * i + 4], "big")) for i in range(4)]
    z = x[1] ^ x[2] ^ x[3] ^ keys[0]
    for i in range(32):
        v1 = affine_inverse(MATRICES["SboxThenA1"], CONSTANTS["SboxThenA1"], z)
        v2 = affine_inverse(MATRICES["SboxThenMa"], CONSTANTS["SboxThenMa"], z)
        v3 = affine_inverse(MATRICES["SboxThenMb"], CONSTANTS["SboxThenMb"], z)
        mixed = v1 ^ rol(v1, 24) ^ v2 ^ rol(v2, 8) ^ rol(v2, 16) ^ rol(v3, 8) ^ rol(v3, 16) ^ rol(v3, 24)
        z = x[2] ^ x[3] ^ x[0] ^ keys[(i + 1) & 31] ^ mixed
        x = x[1:] + [x[0] ^ mixed]
    out = [affine(MATRICES["A1Inverse"], 0, w) for w in reversed(x)]
    return b"".join(w.to_bytes(4, "big") for w in out)


example = bytes.fromhex("0123456789abcdeffedcba9876543210")
assert encrypt_mapped(example, example).hex() == "681edf34d206965e86b3e94f536e4246"
for name, columns in MATRICES.items():
    print(f"{name:12} 0x{gfni_rows(columns):016X}")
for name, value in CONSTANTS.items():
    print(f"{name:12} constant 0x{value:02X}")
