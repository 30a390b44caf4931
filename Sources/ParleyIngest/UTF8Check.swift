/// UTF-8 validation that says where the first bad byte is.
enum UTF8Check {
    /// Byte offset of the first invalid sequence, or nil when `bytes` is valid UTF-8.
    static func firstInvalid(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            var need = 0
            var min: UInt32 = 0
            var cp: UInt32 = 0
            if b & 0xE0 == 0xC0 { need = 1; min = 0x80; cp = UInt32(b & 0x1F) }
            else if b & 0xF0 == 0xE0 { need = 2; min = 0x800; cp = UInt32(b & 0x0F) }
            else if b & 0xF8 == 0xF0 { need = 3; min = 0x10000; cp = UInt32(b & 0x07) }
            else { return i }
            for k in 1...need {
                guard i + k < n else { return i }
                let c = bytes[i + k]
                guard c & 0xC0 == 0x80 else { return i }
                cp = (cp << 6) | UInt32(c & 0x3F)
            }
            if cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) { return i }
            i += need + 1
        }
        return nil
    }

    static func firstInvalid(_ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { firstInvalid($0) }
    }

    /// True when the bytes look binary: a NUL in the first 8 KiB.
    static func looksBinary(_ bytes: [UInt8]) -> Bool {
        bytes.prefix(8192).contains(0)
    }
}
