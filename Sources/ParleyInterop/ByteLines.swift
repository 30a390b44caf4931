import Foundation
import ZIPFoundation

/// Splits a stream of byte chunks into lines, keeping only the unfinished line between chunks,
/// so memory is bounded by the chunk size plus the longest accepted line.
struct LineSplitter {
    let maxLine: Int
    private var carry: [UInt8] = []
    private var overflow = false
    private(set) var number = 0

    init(maxLine: Int) {
        self.maxLine = maxLine
    }

    enum Line {
        case bytes(UnsafeBufferPointer<UInt8>)
        case tooLong
    }

    /// Calls `handle(lineNumber, line)` for every complete line in `chunk`.
    mutating func feed(_ chunk: UnsafeRawBufferPointer, _ handle: (Int, Line) throws -> Void) rethrows {
        guard let base = chunk.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
        let count = chunk.count
        var start = 0
        while start < count {
            let rest = count - start
            let found = memchr(base + start, 0x0A, rest)
            guard let found else {
                append(UnsafeBufferPointer(start: base + start, count: rest))
                return
            }
            let stop = UnsafeRawPointer(found).assumingMemoryBound(to: UInt8.self) - base
            number += 1
            if carry.isEmpty && !overflow {
                if stop - start > maxLine { try handle(number, .tooLong) } else {
                    try handle(number, .bytes(UnsafeBufferPointer(start: base + start, count: stop - start)))
                }
            } else {
                append(UnsafeBufferPointer(start: base + start, count: stop - start))
                if overflow { try handle(number, .tooLong) } else {
                    try carry.withUnsafeBufferPointer { try handle(number, .bytes($0)) }
                }
                carry.removeAll(keepingCapacity: true)
                overflow = false
            }
            start = stop + 1
        }
    }

    /// The last line when the input does not end with a newline.
    mutating func finish(_ handle: (Int, Line) throws -> Void) rethrows {
        guard !carry.isEmpty || overflow else { return }
        number += 1
        if overflow { try handle(number, .tooLong) } else { try carry.withUnsafeBufferPointer { try handle(number, .bytes($0)) } }
        carry.removeAll()
        overflow = false
    }

    private mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        if overflow { return }
        if carry.count + bytes.count > maxLine {
            overflow = true
            carry.removeAll()
        } else {
            carry.append(contentsOf: bytes)
        }
    }
}

/// Where the bytes of a GDELT file come from: a plain file, or each file entry of a ZIP archive.
enum ByteSource {
    /// Calls `part(name)` for every part (the file itself, or each ZIP entry as "archive.zip!entry") and streams
    /// its bytes to `chunk`. `part` is called before the part's chunks, `endPart` after them.
    static func stream(path: String, part: (String) throws -> Void, chunk: (UnsafeRawBufferPointer) throws -> Void,
                       endPart: () throws -> Void) throws {
        let url = URL(fileURLWithPath: path)
        if isZip(path) {
            let archive: Archive
            do { archive = try Archive(url: url, accessMode: .read) } catch {
                throw InteropError("cannot open ZIP archive: \(error)")
            }
            for entry in archive where entry.type == .file {
                try part("\(path)!\(entry.path)")
                do {
                    _ = try archive.extract(entry, bufferSize: 1 << 16, skipCRC32: false) { data in
                        try data.withUnsafeBytes { try chunk($0) }
                    }
                } catch let e as InteropError {
                    throw e
                } catch {
                    throw InteropError("cannot read ZIP entry \(entry.path): \(error)")
                }
                try endPart()
            }
            return
        }
        let handle: FileHandle
        if path == "-" { handle = FileHandle.standardInput } else {
            guard let h = FileHandle(forReadingAtPath: path) else { throw InteropError("cannot open file") }
            handle = h
        }
        defer { if path != "-" { try? handle.close() } }
        try part(path)
        while true {
            let data = try handle.read(upToCount: 1 << 18) ?? Data()
            if data.isEmpty { break }
            try data.withUnsafeBytes { try chunk($0) }
        }
        try endPart()
    }

    /// By name (.zip) or by the local-file-header magic "PK\u{3}\u{4}".
    static func isZip(_ path: String) -> Bool {
        if path.lowercased().hasSuffix(".zip") { return true }
        guard path != "-", let h = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? h.close() }
        let magic = (try? h.read(upToCount: 4)) ?? Data()
        return magic == Data([0x50, 0x4B, 0x03, 0x04])
    }
}

public struct InteropError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
