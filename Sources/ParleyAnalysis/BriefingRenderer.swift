import Foundation
import ParleyModel

/// Renders a briefing as Markdown, HTML or JSON. All three come from the same `Briefing` value, so they hold the same content.
public enum BriefingRenderer {
    /// "1 event", "3 events".
    static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

    public static func json(_ b: Briefing) throws -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        e.dateEncodingStrategy = .iso8601
        return String(decoding: try e.encode(b), as: UTF8.self)
    }

    static func refs(_ cites: [Int]) -> String {
        cites.isEmpty ? "" : " " + cites.map { "[\($0)]" }.joined()
    }

    static func num(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(format: "%.1f", x)
    }

    public static func markdown(_ b: Briefing) -> String {
        var o = "# \(b.aName) – \(b.bName): where they stand as of \(b.asOf)\n\n"
        if let k = b.knownAt { o += "_Only what Parley had ingested by \(k)._\n\n" }
        o += "_\(count(b.documents, "document")) mention\(b.documents == 1 ? "s" : "") both; \(b.events) distinct event\(b.events == 1 ? "" : "s") between them.\(b.importedEvents > 0 ? " \(count(b.importedEvents, "imported event")) carr\(b.importedEvents == 1 ? "ies" : "y") no text." : "")_\n\n"
        o += "## State of the relationship: \(b.state.regime)\n\n\(b.state.summary)\(refs(b.state.cites))\n\n"
        let r = b.state.recent, bl = b.state.baseline
        o += "| window | events | verbal coop | material coop | verbal conflict | material conflict | mean Goldstein |\n|---|---|---|---|---|---|---|\n"
        o += "| recent (\(b.state.recentWindow)) | \(r.events) | \(r.quad[1]) | \(r.quad[2]) | \(r.quad[3]) | \(r.quad[4]) | \(String(format: "%.1f", r.goldsteinMean)) |\n"
        o += "| baseline (\(b.state.baselineWindow)) | \(bl.events) | \(bl.quad[1]) | \(bl.quad[2]) | \(bl.quad[3]) | \(bl.quad[4]) | \(String(format: "%.1f", bl.goldsteinMean)) |\n\n"

        o += "## Statements\n\n"
        if b.statements.isEmpty { o += "No statement by either side about the other was found.\n\n" }
        for s in b.statements {
            let who = [s.office, s.speaker].compactMap { $0 }.joined(separator: " ")
            var line = "- **\(who)** (\(s.actor ?? "?")), \(s.date ?? "undated"): \(s.direct ? quoted(s.quote) : s.quote) — \(s.stance) toward \(s.about)"
            if let rep = s.reportedBy { line += "; reported by \(rep)" } else if let out = s.outlet { line += "; via \(out)" }
            o += line + refs(s.cites) + "\n"
        }
        o += "\n## Conditions\n\n"
        if b.conditions.isEmpty { o += "No stated condition for talks or agreements was found.\n\n" }
        for c in b.conditions {
            o += "- \(c.setBy.map { "**\($0)**" } ?? "Unattributed"), \(c.date ?? "undated"): \(c.text) — \(c.status)\(refs(c.cites))\n"
        }
        o += "\n## Claims\n\n"
        if b.claims.isEmpty { o += "No numeric claim was found.\n\n" } else {
            o += "| value | measures | asserted by | date | repeated | contradicted | cite |\n|---|---|---|---|---|---|---|\n"
            for c in b.claims {
                o += "| \(c.text) | \(c.measures) | \(c.assertedBy ?? "—") | \(c.date ?? "—") | \(c.repeatedBy) | \(c.contradictedBy) |\(refs(c.cites)) |\n"
            }
            o += "\n"
        }
        o += "## Timeline\n\n"
        if b.timeline.isEmpty { o += "No dated past event was found.\n\n" }
        for t in b.timeline { o += "- **\(t.date)** — \(t.what)\(refs(t.cites))\n" }
        o += "\n## Obstacles and issues\n\n"
        if b.obstacles.isEmpty { o += "No recurring topic was found.\n\n" }
        for x in b.obstacles {
            let years = x.byYear.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
            let detail = x.details.isEmpty ? "" : " — " + x.details.prefix(6).joined(separator: ", ")
            o += "- **\(x.topic)**\(detail) — \(x.weight) sentence\(x.weight == 1 ? "" : "s") (\(years))\(refs(x.cites))\n"
        }
        o += "\n## Rhetoric and action\n\n| side | verbal conflict | material conflict | verbal coop | material coop | mean Goldstein | reading |\n|---|---|---|---|---|---|---|\n"
        for x in b.rhetoric {
            o += "| \(x.side) | \(x.verbalConflict) | \(x.materialConflict) | \(x.verbalCooperation) | \(x.materialCooperation) | \(String(format: "%.1f", x.goldsteinMean)) | \(x.reading)\(refs(x.cites)) |\n"
        }
        o += "\n## Third parties\n\n"
        if b.thirdParties.isEmpty { o += "No third party was found acting on either side.\n\n" }
        else { o += "_Events: coded acts between the party and either side in the stored coverage up to the as-of time; mentions: in the documents on the dyad. Parties acting toward both sides first, then the most mentioned._\n\n" }
        for t in b.thirdParties {
            let acts = t.events == 0 ? "" : "\(count(t.events, "event")) (\(t.towardA) with \(b.aName), \(t.towardB) with \(b.bName)), "
            o += "- **\(t.name)** (\(t.actor)): \(acts)\(count(t.mentions, "mention")) in the dyad's coverage; \(t.how)\(refs(t.cites))\n"
        }
        let p = b.prospects
        o += "\n## Prospects for dialogue: \(p.label) (\(num(p.value)) on −100…100, \(p.trend); 30 days earlier \(num(p.previous)))\n\n"
        o += "Formula: \(p.formula).\n\n"
        for m in p.movers { o += "- \(m.weight > 0 ? "+" : "−")\(String(format: "%.2f", abs(m.weight))) \(m.what)\(refs(m.cites))\n" }
        if !b.notes.isEmpty { o += "\n## Notes\n\n" + b.notes.map { "- \($0)\n" }.joined() }
        o += "\n## Sources\n\n"
        for (i, c) in b.sources.enumerated() {
            let head = [c.title.map { "“\($0)”" }, c.outlet, c.published, c.documentID.map { "id \($0)" }].compactMap { $0 }.joined(separator: ", ")
            o += "\(i + 1). \(head) — “\(c.sentence)”\n"
        }
        return o
    }

    /// A direct quotation in quotation marks. A partial quotation whose content runs on past its closing mark
    /// ("there is no possibility” of negotiations with the United States) gets back only its opening mark.
    static func quoted(_ q: String) -> String {
        q.contains("”") || q.contains("\"") ? "“" + q : "“" + q + "”"
    }

    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// The briefing as an HTML fragment (`<section>`s); every cited item links to its source entry,
    /// and each source links to its evidence view when `evidenceURL` is given.
    public static func htmlFragment(_ b: Briefing, evidenceURL: ((Citation) -> String?)? = nil) -> String {
        // Markdown-free rendering: same content, escaped.
        func refs(_ cites: [Int]) -> String {
            cites.map { "<a class=\"ref\" href=\"#src-\($0)\">[\($0)]</a>" }.joined()
        }
        let e = escape
        var o = "<section class=\"brief-state\"><h2>State: \(e(b.state.regime))</h2><p>\(e(b.state.summary)) \(refs(b.state.cites))</p></section>\n"
        o += "<section><h2>Statements</h2><ul>"
        for s in b.statements {
            let who = [s.office, s.speaker].compactMap { $0 }.joined(separator: " ")
            o += "<li><b>\(e(who))</b> (\(e(s.actor ?? "?"))), \(e(s.date ?? "undated")): \(s.direct ? e(quoted(s.quote)) : e(s.quote)) — \(e(s.stance)) toward \(e(s.about))"
            if let rep = s.reportedBy { o += "; reported by \(e(rep))" }
            o += " \(refs(s.cites))</li>"
        }
        o += "</ul></section>\n<section><h2>Conditions</h2><ul>"
        for c in b.conditions { o += "<li><b>\(e(c.setBy ?? "Unattributed"))</b>, \(e(c.date ?? "undated")): \(e(c.text)) — \(e(c.status)) \(refs(c.cites))</li>" }
        o += "</ul></section>\n<section><h2>Claims</h2><table><tr><th>value</th><th>measures</th><th>asserted by</th><th>date</th><th>repeated</th><th>contradicted</th><th></th></tr>"
        for c in b.claims {
            o += "<tr><td>\(e(c.text))</td><td>\(e(c.measures))</td><td>\(e(c.assertedBy ?? "—"))</td><td>\(e(c.date ?? "—"))</td><td>\(c.repeatedBy)</td><td>\(c.contradictedBy)</td><td>\(refs(c.cites))</td></tr>"
        }
        o += "</table></section>\n<section><h2>Timeline</h2><ul>"
        for t in b.timeline { o += "<li><b>\(e(t.date))</b> — \(e(t.what)) \(refs(t.cites))</li>" }
        o += "</ul></section>\n<section><h2>Obstacles and issues</h2><ul>"
        for x in b.obstacles { o += "<li><b>\(e(x.topic))</b> — \(e(x.details.prefix(6).joined(separator: ", "))) — \(x.weight) sentences \(refs(x.cites))</li>" }
        o += "</ul></section>\n<section><h2>Rhetoric and action</h2><table><tr><th>side</th><th>verbal conflict</th><th>material conflict</th><th>verbal coop</th><th>material coop</th><th>reading</th></tr>"
        for x in b.rhetoric {
            o += "<tr><td>\(e(x.side))</td><td>\(x.verbalConflict)</td><td>\(x.materialConflict)</td><td>\(x.verbalCooperation)</td><td>\(x.materialCooperation)</td><td>\(e(x.reading)) \(refs(x.cites))</td></tr>"
        }
        o += "</table></section>\n<section><h2>Third parties</h2><ul>"
        for t in b.thirdParties { o += "<li><b>\(e(t.name))</b> (\(e(t.actor))): \(count(t.events, "event")), \(t.mentions) mention\(t.mentions == 1 ? "" : "s") in the dyad's coverage; \(e(t.how)) \(refs(t.cites))</li>" }
        let p = b.prospects
        o += "</ul></section>\n<section class=\"brief-prospects\"><h2>Prospects for dialogue: \(e(p.label)) (\(num(p.value)), \(e(p.trend)))</h2><p class=\"formula\">\(e(p.formula))</p><ul>"
        for m in p.movers { o += "<li>\(m.weight > 0 ? "+" : "−")\(String(format: "%.2f", abs(m.weight))) \(e(m.what)) \(refs(m.cites))</li>" }
        o += "</ul></section>\n<section><h2>Sources</h2><ol>"
        for (i, c) in b.sources.enumerated() {
            let head = [c.title, c.outlet, c.published, c.documentID.map { "id " + $0 }].compactMap { $0 }.joined(separator: ", ")
            let link = evidenceURL?(c) ?? c.url
            o += "<li id=\"src-\(i + 1)\">" + (link.map { "<a href=\"\(e($0))\">\(e(head))</a>" } ?? e(head)) + " — “\(e(c.sentence))”</li>"
        }
        o += "</ol></section>\n"
        return o
    }

    public static func html(_ b: Briefing) -> String {
        """
        <!doctype html><html lang="en"><head><meta charset="utf-8"><title>\(escape(b.aName)) – \(escape(b.bName)) as of \(escape(b.asOf))</title>
        <style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.45}
        table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2rem .4rem;text-align:left}a.ref{font-size:.8em}</style></head>
        <body><h1>\(escape(b.aName)) – \(escape(b.bName)): where they stand as of \(escape(b.asOf))</h1>
        \(htmlFragment(b))</body></html>
        """
    }
}
