import CLibXML2

/// Small helpers over libxml2's tree. Walks are iterative, so deep nesting cannot exhaust the stack.
enum LibXML {
    static func name(_ node: xmlNodePtr) -> String {
        guard let n = node.pointee.name else { return "" }
        return String(cString: n).lowercased()
    }

    static func attribute(_ node: xmlNodePtr, _ attr: String) -> String? {
        var prop = node.pointee.properties
        while let p = prop {
            if let n = p.pointee.name, String(cString: n).lowercased() == attr {
                // Attribute value: concatenate text children, never expanding entity references.
                var out = ""
                var child = p.pointee.children
                while let c = child {
                    if c.pointee.type == XML_TEXT_NODE, let content = c.pointee.content { out += String(cString: content) }
                    child = c.pointee.next
                }
                return out
            }
            prop = p.pointee.next
        }
        return nil
    }

    /// Text of a node's subtree: text and CDATA nodes only; entity references are not expanded.
    static func text(_ node: xmlNodePtr, skip: Set<String> = []) -> String {
        var out = ""
        var stack: [xmlNodePtr] = []
        var child = node.pointee.children
        var kids: [xmlNodePtr] = []
        while let c = child { kids.append(c); child = c.pointee.next }
        stack.append(contentsOf: kids.reversed())
        while let n = stack.popLast() {
            switch n.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = n.pointee.content { out += String(cString: content) }
            case XML_ELEMENT_NODE:
                if skip.contains(name(n)) { continue }
                var kids: [xmlNodePtr] = []
                var c = n.pointee.children
                while let k = c { kids.append(k); c = k.pointee.next }
                stack.append(contentsOf: kids.reversed())
            default:
                continue
            }
        }
        return out
    }

    /// Every element below `root` (document order), iteratively.
    static func elements(_ root: xmlNodePtr) -> [xmlNodePtr] {
        var out: [xmlNodePtr] = []
        var stack: [xmlNodePtr] = [root]
        while let n = stack.popLast() {
            if n.pointee.type == XML_ELEMENT_NODE { out.append(n) }
            var kids: [xmlNodePtr] = []
            var c = n.pointee.children
            while let k = c { kids.append(k); c = k.pointee.next }
            stack.append(contentsOf: kids.reversed())
        }
        return out
    }

    static func children(_ node: xmlNodePtr) -> [xmlNodePtr] {
        var out: [xmlNodePtr] = []
        var c = node.pointee.children
        while let k = c {
            if k.pointee.type == XML_ELEMENT_NODE { out.append(k) }
            c = k.pointee.next
        }
        return out
    }

    /// Collapses runs of whitespace to one space and trims.
    static func squeeze(_ s: String) -> String {
        var out = [UInt8]()
        out.reserveCapacity(s.utf8.count)
        var space = false
        for b in s.utf8 {
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C {
                space = true
            } else {
                if space && !out.isEmpty { out.append(0x20) }
                space = false
                out.append(b)
            }
        }
        // Non-breaking spaces (C2 A0) become plain spaces.
        var i = 0
        var cleaned = [UInt8]()
        cleaned.reserveCapacity(out.count)
        while i < out.count {
            if out[i] == 0xC2, i + 1 < out.count, out[i + 1] == 0xA0 { cleaned.append(0x20); i += 2; continue }
            cleaned.append(out[i]); i += 1
        }
        return String(decoding: cleaned, as: UTF8.self).trimmingSpaces()
    }
}

extension String {
    func trimmingSpaces() -> String {
        var bytes = Substring(self).utf8[...]
        while let f = bytes.first, f == 0x20 || f == 0x0A || f == 0x0D || f == 0x09 { bytes = bytes.dropFirst() }
        while let l = bytes.last, l == 0x20 || l == 0x0A || l == 0x0D || l == 0x09 { bytes = bytes.dropLast() }
        return String(decoding: bytes, as: UTF8.self)
    }
}
