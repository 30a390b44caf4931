import Crypto

/// Hex SHA-256 of a text's UTF-8 bytes: the identity of a stored text.
public enum ContentHash {
    public static func of(_ text: String) -> String {
        let digest = SHA256.hash(data: Array(text.utf8))
        var out = ""
        out.reserveCapacity(64)
        for byte in digest {
            let hex = "0123456789abcdef".utf8
            out.unicodeScalars.append(UnicodeScalar(hex[hex.index(hex.startIndex, offsetBy: Int(byte >> 4))]))
            out.unicodeScalars.append(UnicodeScalar(hex[hex.index(hex.startIndex, offsetBy: Int(byte & 0xF))]))
        }
        return out
    }
}
