import Foundation
import Testing
@testable import ParleyModel

/// Times are printed by arithmetic; Foundation's calendar is the definition.
@Suite struct TimestampTests {
    @Test func arithmeticPrintingEqualsTheCalendar() {
        var rng = SplitMix64(seed: 7)
        var times: [Double] = [0, -0.5, -1, 0.999, 86_399.9, 86_400, 951_782_400, 951_868_800, 4_107_542_400,
                               -11_676_096_000, -11_676_096_001, 253_402_300_799, 1_762_983_687, -2_208_988_800]
        for _ in 0..<20_000 {
            let span = 253_402_300_800.0 + 11_676_096_000.0
            times.append(Double(rng.next() % UInt64(span)) - 11_676_096_000 + Double(rng.next() % 1000) / 1000)
        }
        for t in times {
            let d = Date(timeIntervalSince1970: t)
            #expect(Timestamp.format(d) == Timestamp.calendarFormat(d), "t = \(t)")
            #expect(Timestamp.day(d) == Timestamp.calendarDay(d), "t = \(t)")
        }
        #expect(Timestamp.format(Timestamp.parse("2025-11-12T21:48:07Z")!) == "2025-11-12T21:48:07Z")
        #expect(Timestamp.day(Timestamp.parse("2024-02-29")!) == "2024-02-29")
    }
}
