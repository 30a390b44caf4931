import Foundation

/// Reads lines from a file handle in chunks, so memory stays bounded by the longest accepted line.
/// A line longer than `maxLine` is reported (with its number) and skipped, not loaded.
struct LineReader {
    enum Line {
        case line(number: Int, bytes: [UInt8])
        case tooLong(number: Int, length: Int)
    }

    let handle: FileHandle
    let maxLine: Int
    private let chunkSize = 1 << 16
    private var chunk: [UInt8] = []
    private var position = 0
    private var number = 1
    private var done = false

    init(handle: FileHandle, maxLine: Int) {
        self.handle = handle
        self.maxLine = maxLine
    }

    /// The next line, or nil at the end of input.
    mutating func next() throws -> Line? {
        var buffer: [UInt8] = []
        var overflow = 0  // bytes of an over-long line skipped so far
        while true {
            if position >= chunk.count {
                if done { break }
                let data = try handle.read(upToCount: chunkSize) ?? Data()
                if data.isEmpty { done = true; break }
                chunk = [UInt8](data)
                position = 0
            }
            let end = chunk[position...].firstIndex(of: 0x0A)
            let stop = end ?? chunk.count
            let piece = stop - position
            if overflow > 0 || buffer.count + piece > maxLine {
                overflow += buffer.count + piece
                buffer.removeAll()
            } else {
                buffer.append(contentsOf: chunk[position..<stop])
            }
            position = stop
            if end != nil {
                position += 1
                defer { number += 1 }
                return overflow > 0 ? .tooLong(number: number, length: overflow) : .line(number: number, bytes: buffer)
            }
        }
        if overflow > 0 { defer { number += 1 }; return .tooLong(number: number, length: overflow) }
        if !buffer.isEmpty { defer { number += 1 }; return .line(number: number, bytes: buffer) }
        return nil
    }
}
