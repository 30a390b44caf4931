import Foundation

/// The built `parley` executable: beside the test bundle (up to four folders up), else `.build/debug/parley`
/// in the checkout. Nil when it has not been built.
public func parleyExecutable() -> URL? {
    var candidates: [URL] = []
    let exe = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    var dir = exe.deletingLastPathComponent()
    for _ in 0..<4 {
        candidates.append(dir.appendingPathComponent("parley"))
        dir = dir.deletingLastPathComponent()
    }
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    candidates.append(root.appendingPathComponent(".build/debug/parley"))
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
}
