import Testing
import TutahiColumns

@Suite("UTF-8 validation of raw bytes")
struct UTF8ValidationTests {
    /// The loader's validator agrees with the standard library's on every edge of the encoding
    /// (overlongs, surrogates, the largest scalar and one past it, cut sequences, stray
    /// continuation bytes) and on 20,000 random byte strings biased towards multi-byte leads.
    @Test func agreesWithTheStandardLibrary() {
        var cases: [[UInt8]] = [
            [], Array("kia ora".utf8), Array("whānau, hapū, iwi — Tūtahi ✓ 🌿".utf8),
            [0xC0, 0x80], [0xC1, 0xBF], [0xC2, 0x80], [0xDF, 0xBF], [0xE0, 0x9F, 0xBF], [0xE0, 0xA0, 0x80],
            [0xED, 0x9F, 0xBF], [0xED, 0xA0, 0x80], [0xEF, 0xBF, 0xBF], [0xF0, 0x8F, 0xBF, 0xBF],
            [0xF0, 0x90, 0x80, 0x80], [0xF4, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80],
            [0x80], [0xBF], [0xC2], [0xE2, 0x82], [0xF0, 0x9F, 0x8C], [0xFE], [0xFF],
            Array("eight ascii bytes then".utf8) + [0xE2, 0x82], Array("abcdefgh".utf8) + [0xC3, 0xA9],
        ]
        var generator = SystemRandomNumberGenerator()
        let pieces: [UInt8] = [0x41, 0x2C, 0x80, 0xA0, 0xBF, 0xC2, 0xC3, 0xDF, 0xE0, 0xE2, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0x90, 0x8F]
        for _ in 0..<20_000 {
            let length = Int.random(in: 0...24, using: &generator)
            cases.append((0..<length).map { _ in
                Bool.random(using: &generator)
                    ? pieces.randomElement(using: &generator) ?? 0 : UInt8.random(in: 0...255, using: &generator)
            })
        }
        for bytes in cases {
            let expected = String(validating: bytes, as: UTF8.self) != nil
            #expect(bytes.withUnsafeBufferPointer { UTF8Validation.isValid($0) } == expected, "\(bytes)")
        }
    }
}
