import Foundation
import HTTPTypes
import Hummingbird
import ParleyAnalysis
import ParleyModel
import ParleyStore

/// HTML escaping for text and attribute values.
func h(_ s: String) -> String { BriefingRenderer.escape(s) }

/// A link target from stored data: only http(s) URLs become links (no `javascript:` and the like).
func safeURL(_ s: String?) -> String? {
    guard let s else { return nil }
    let lower = s.lowercased()
    return lower.hasPrefix("http://") || lower.hasPrefix("https://") ? s : nil
}

func fmt(_ d: Double, _ places: Int = 1) -> String { String(format: "%.\(places)f", d) }

let quadNames = ["", "verbal cooperation", "material cooperation", "verbal conflict", "material conflict"]

extension ParleyService {
    func addDashboardRoutes(to router: Router<BasicRequestContext>) {
        router.get("/") { request, _ -> Response in
            Reply.html(try await homePage(request))
        }
        router.get("/dyad/:dyad") { request, context -> Response in
            Reply.html(try await dyadPage(request, dyad: try context.parameters.require("dyad")))
        }
        router.get("/documents/:id") { request, context -> Response in
            Reply.html(try await documentPage(request, id: try context.parameters.require("id")))
        }
        router.get("/assets/parley.css") { _, _ -> Response in
            Reply.text(Assets.css, contentType: "text/css; charset=utf-8", extra: [.cacheControl: "max-age=3600"])
        }
        router.get("/assets/parley.js") { _, _ -> Response in
            Reply.text(Assets.js, contentType: "text/javascript; charset=utf-8", extra: [.cacheControl: "max-age=3600"])
        }
    }

    /// The as-of form value and its query suffix.
    func asOfParameter(_ request: Request) throws -> (date: Date?, raw: String, query: String) {
        let date = try time(request, "as_of", upper: true)
        let raw = date == nil ? "" : (request.uri.queryParameters.get("as_of") ?? "")
        return (date, raw, raw.isEmpty ? "" : "as_of=" + percentEncode(raw))
    }

    func page(title: String, body: String) -> String {
        """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(h(title))</title><link rel="stylesheet" href="/assets/parley.css"><script src="/assets/parley.js" defer></script></head>
        <body><header class="top"><a class="brand" href="/">Parley</a> <nav><a href="/">Dyads</a> <a href="/openapi.json">API</a> <a href="/metrics">Metrics</a></nav></header>
        <main>
        \(body)
        </main></body></html>
        """
    }

    func asOfForm(action: String, raw: String, extra: String = "") -> String {
        """
        <form class="asof" method="get" action="\(h(action))"><label>As of <input type="text" name="as_of" value="\(h(raw))" placeholder="YYYY-MM-DD or ISO 8601 (empty: now)" size="24"></label>\(extra) <button type="submit">Show</button> <a class="now" href="\(h(action))">now</a></form>
        """
    }

    // MARK: Home

    func homePage(_ request: Request) async throws -> String {
        let asOf = try asOfParameter(request)
        let activity = try await activityFigures(asOf: asOf.date)
        let docs = try await store.documentCount()
        let names = CountryNames.bundled
        var b = "<h1>Most active dyads</h1>\n" + asOfForm(action: "/", raw: asOf.raw)
        b += "<p class=\"lede\">\(docs) documents stored; \(activity.events) events\(asOf.date == nil ? "" : " as of " + h(asOf.raw)).</p>\n"
        b += "<table class=\"dyads\"><thead><tr><th>dyad</th><th>events</th><th>verbal coop</th><th>material coop</th><th>verbal conflict</th><th>material conflict</th><th>mean Goldstein</th><th>latest</th></tr></thead><tbody>\n"
        for d in activity.dyads.prefix(30) {
            let link = "/dyad/\(percentEncode(d.a))-\(percentEncode(d.b))" + (asOf.query.isEmpty ? "" : "?" + asOf.query)
            b += "<tr class=\"dyad-row\"><td><a href=\"\(h(link))\">\(h(names.name(d.a))) – \(h(names.name(d.b)))</a> <span class=\"code\">\(h(d.a))-\(h(d.b))</span></td>"
            b += "<td>\(d.events)</td><td>\(d.quad[1])</td><td>\(d.quad[2])</td><td>\(d.quad[3])</td><td>\(d.quad[4])</td>"
            b += "<td class=\"\(d.goldsteinMean < 0 ? "neg" : "pos")\">\(fmt(d.goldsteinMean))</td><td>\(d.last.map(Timestamp.day) ?? "—")</td></tr>\n"
        }
        if activity.dyads.isEmpty { b += "<tr><td colspan=\"8\">No events between two countries yet.</td></tr>\n" }
        b += "</tbody></table>\n"
        return page(title: "Parley — dyads", body: b)
    }

    // MARK: Dyad

    func dyadPage(_ request: Request, dyad raw: String) async throws -> String {
        let (a, b) = try dyad(raw)
        let asOf = try asOfParameter(request)
        let byRaw = request.uri.queryParameters.get("by") ?? "month"
        guard let g = Granularity(rawValue: byRaw) else { throw APIError(.badRequest, "by: '\(byRaw)' is not day, week or month") }
        let names = CountryNames.bundled
        let moment = asOf.date ?? Self.now()
        let briefing = try await self.briefing(a, b, asOf: moment, knownAt: nil)
        let series = try await self.series(a, b, by: g, asOf: moment)

        var q = EventQuery(dyad: a, b)
        q.asOf = moment
        let total = try await store.eventCount(q)
        q.limit = configuration.dashboardEvents
        q.offset = max(0, total - configuration.dashboardEvents)
        let events = try await store.events(q).reversed()

        let title = "\(names.name(a)) – \(names.name(b))"
        let select = " <label>by <select name=\"by\">" + Granularity.allCases.map {
            "<option value=\"\($0.rawValue)\"\($0 == g ? " selected" : "")>\($0.rawValue)</option>"
        }.joined() + "</select></label>"
        var o = "<h1>\(h(title)) <span class=\"code\">\(h(a))-\(h(b))</span></h1>\n"
        o += asOfForm(action: "/dyad/\(a)-\(b)", raw: asOf.raw, extra: select)
        o += "<p class=\"lede\">As of \(h(briefing.asOf)): \(briefing.documents) documents, \(briefing.events) events"
        o += briefing.importedEvents > 0 ? " (\(briefing.importedEvents) imported)" : ""
        o += ". <a href=\"/api/dyads/\(a)-\(b)/brief\(asOf.query.isEmpty ? "" : "?" + h(asOf.query))\">JSON</a></p>\n"

        let p = briefing.prospects
        o += "<div class=\"cards\"><section class=\"card state\" id=\"state\"><h2>State</h2><p class=\"regime regime-\(h(briefing.state.regime))\">\(h(briefing.state.regime))</p><p>\(h(briefing.state.summary))</p>"
        o += "<p class=\"small\">recent \(h(briefing.state.recentWindow)): \(briefing.state.recent.events) events, mean Goldstein \(fmt(briefing.state.recent.goldsteinMean)); baseline \(h(briefing.state.baselineWindow)): \(briefing.state.baseline.events) events, mean \(fmt(briefing.state.baseline.goldsteinMean))</p></section>"
        o += "<section class=\"card prospects\" id=\"prospects\"><h2>Prospects for dialogue</h2><p class=\"regime\">\(h(p.label)) <span class=\"value\">\(fmt(p.value, 2))</span></p><p>trend: \(h(p.trend)) (previously \(fmt(p.previous, 2)))</p>"
        o += "<ul class=\"small\">" + p.movers.prefix(5).map { "<li>\($0.weight > 0 ? "+" : "−")\(fmt(abs($0.weight), 2)) \(h($0.what))</li>" }.joined() + "</ul></section></div>\n"

        o += "<section class=\"chart-box\"><h2>Events by \(g.rawValue)</h2>\n" + chartSVG(series) + "\n</section>\n"

        o += "<section class=\"briefing\" id=\"briefing\"><h2 class=\"section-title\">Briefing</h2>\n"
        o += BriefingRenderer.htmlFragment(briefing) { c in
            if let id = c.documentID {
                let span = c.span.flatMap { $0.count == 2 ? "?s=\($0[0])-\($0[1])" : nil } ?? ""
                return "/documents/\(percentEncode(id))\(span)"
            }
            return safeURL(c.url) ?? "#"
        }
        o += "</section>\n"

        o += "<section id=\"events\"><h2>Events (\(total)\(total > events.count ? ", latest \(events.count) shown" : ""))</h2>"
        o += "<table class=\"events\"><thead><tr><th>date</th><th>source</th><th>target</th><th>CAMEO</th><th>class</th><th>Goldstein</th><th>mode</th><th>sentence</th></tr></thead><tbody>\n"
        for e in events {
            let x = e.event
            var sentence = h(e.sentenceText ?? e.sourceURL ?? "")
            if let id = e.documentID, let s = e.sentenceSpan {
                sentence = "<a href=\"/documents/\(h(percentEncode(id)))?s=\(s.start)-\(s.end)\">\(sentence)</a>"
            } else if let u = safeURL(e.sourceURL) {
                sentence = "<a href=\"\(h(u))\">\(sentence)</a>"
            }
            o += "<tr class=\"event-row q\(x.quad)\"><td>\(h(x.date ?? e.eventDay.map(Timestamp.day) ?? "—"))</td><td>\(h(x.source?.code ?? "—"))</td><td>\(h(x.target?.code ?? "—"))</td>"
            o += "<td>\(h(x.cameo))</td><td>\(h((1...4).contains(x.quad) ? quadNames[x.quad] : "—"))</td><td>\(fmt(x.goldstein))</td>"
            o += "<td>\(h(x.negated ? "negated" : x.modality.rawValue))</td><td>\(sentence)</td></tr>\n"
        }
        o += "</tbody></table></section>\n"
        return page(title: "\(title) — Parley", body: o)
    }

    /// Stacked bars of event counts by QuadClass (verbal and material, cooperation and conflict) per period, and the
    /// mean Goldstein score as a line on its own axis (−10…10).
    func chartSVG(_ series: DyadSeries) -> String {
        let width = 880.0, height = 300.0, left = 44.0, right = 44.0, top = 16.0, bottom = 56.0
        let plotW = width - left - right, plotH = height - top - bottom
        let points = series.points
        var o = "<svg id=\"dyad-chart\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"Events by period and mean Goldstein score\">"
        o += "<title>\(h(series.a))–\(h(series.b)) events by \(series.granularity.rawValue)</title>"
        guard !points.isEmpty else {
            return o + "<text x=\"\(Int(width / 2))\" y=\"\(Int(height / 2))\" text-anchor=\"middle\" class=\"empty\">No dated events as of this moment.</text></svg>"
        }
        // Whole-number ticks: the axis runs to a multiple of the tick step.
        let tick = max(1, Int((Double(points.map(\.all.events).max() ?? 1) / 4).rounded(.up)))
        let maxCount = tick * max(1, Int((Double(points.map(\.all.events).max() ?? 1) / Double(tick)).rounded(.up)))
        let step = plotW / Double(points.count)
        let barW = max(1, step * 0.72)
        func y(_ count: Int) -> Double { top + plotH - Double(count) / Double(maxCount) * plotH }
        func gy(_ g: Double) -> Double { top + plotH / 2 - g / 10 * (plotH / 2) }
        // Axes and grid.
        o += "<g class=\"axis\">"
        for v in stride(from: 0, through: maxCount, by: tick) {
            let yy = y(v)
            o += "<line x1=\"\(left)\" x2=\"\(left + plotW)\" y1=\(q(yy)) y2=\(q(yy)) class=\"grid\"/><text x=\"\(left - 6)\" y=\(q(yy + 4)) text-anchor=\"end\">\(v)</text>"
        }
        for g in [-10, -5, 0, 5, 10] {
            o += "<text x=\"\(left + plotW + 6)\" y=\(q(gy(Double(g)) + 4)) class=\"gaxis\">\(g)</text>"
        }
        o += "<line x1=\"\(left)\" x2=\"\(left + plotW)\" y1=\(q(gy(0))) y2=\(q(gy(0))) class=\"zero\"/></g>"
        // Bars, stacked by quad class.
        o += "<g class=\"bars\">"
        let labelEvery = max(1, Int((Double(points.count) / 12).rounded(.up)))
        for (i, p) in points.enumerated() {
            let x = left + Double(i) * step + (step - barW) / 2
            var base = 0
            for quad in [1, 3, 2, 4] where p.all.quad[quad] > 0 {
                let n = p.all.quad[quad]
                let y0 = y(base + n), y1 = y(base)
                o += "<rect class=\"q\(quad)\" x=\(q(x)) y=\(q(y0)) width=\(q(barW)) height=\(q(max(0.5, y1 - y0)))><title>\(h(p.period)): \(n) \(quadNames[quad])</title></rect>"
                base += n
            }
            if i % labelEvery == 0 {
                let lx = x + barW / 2
                o += "<text class=\"xlabel\" x=\(q(lx)) y=\(q(top + plotH + 14)) text-anchor=\"middle\">\(h(p.period))</text>"
            }
        }
        o += "</g>"
        // Mean Goldstein line.
        let line = points.enumerated().map { i, p in "\(q0(left + Double(i) * step + step / 2)),\(q0(gy(p.all.goldsteinMean)))" }.joined(separator: " ")
        o += "<g class=\"goldstein\"><polyline points=\"\(line)\"/>"
        for (i, p) in points.enumerated() {
            o += "<circle cx=\(q(left + Double(i) * step + step / 2)) cy=\(q(gy(p.all.goldsteinMean))) r=\"3\"><title>\(h(p.period)): mean Goldstein \(fmt(p.all.goldsteinMean)) over \(p.all.events) events (verbal \(p.all.verbal), material \(p.all.material))</title></circle>"
        }
        o += "</g>"
        // Legend.
        let ly = height - 14
        var lx = left
        for quad in [1, 2, 3, 4] {
            o += "<rect class=\"q\(quad)\" x=\(q(lx)) y=\(q(ly - 9)) width=\"10\" height=\"10\"/><text x=\(q(lx + 14)) y=\(q(ly)) class=\"legend\">\(quadNames[quad])</text>"
            lx += 150
        }
        o += "<line class=\"goldstein-key\" x1=\(q(lx)) x2=\(q(lx + 18)) y1=\(q(ly - 4)) y2=\(q(ly - 4))/><text x=\(q(lx + 22)) y=\(q(ly)) class=\"legend\">mean Goldstein (right axis)</text>"
        return o + "</svg>"
    }

    // MARK: Evidence

    func documentPage(_ request: Request, id: String) async throws -> String {
        guard let d = try await store.document(id: id) else { throw APIError(.notFound, "no document with id '\(id)'") }
        let bytes = Array(d.text.utf8)
        var highlight: (Int, Int)?
        if let s = request.uri.queryParameters.get("s"), !s.isEmpty {
            let parts = s.split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 2, var start = Int(parts[0]), var end = Int(parts[1]), start >= 0, start <= end, end <= bytes.count else {
                throw APIError(.badRequest, "s: '\(s)' is not a byte range START-END within the document's \(bytes.count) bytes")
            }
            // Snap to whole characters.
            while start > 0, start < bytes.count, bytes[start] & 0xC0 == 0x80 { start -= 1 }
            while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
            highlight = (start, end)
        }
        func text(_ r: Range<Int>) -> String { h(String(decoding: bytes[r], as: UTF8.self)) }
        var article: String
        if let (s, e) = highlight {
            article = text(0..<s) + "<mark id=\"cited\">" + text(s..<e) + "</mark>" + text(e..<bytes.count)
        } else {
            article = text(0..<bytes.count)
        }
        let heading = d.title ?? d.url ?? d.id
        var o = "<h1>\(h(heading))</h1>\n<p class=\"meta\">"
        o += [d.outlet.map { h($0) }, d.author.map { "by " + h($0) }, d.published.map { "published " + Timestamp.format($0) },
              "ingested " + Timestamp.format(d.ingested), "id <span class=\"code\">" + h(d.id) + "</span>"].compactMap { $0 }.joined(separator: " · ")
        if let u = safeURL(d.url) { o += " · <a href=\"\(h(u))\" rel=\"noreferrer noopener\">original</a>" }
        o += "</p>\n"
        if let (s, e) = highlight { o += "<p class=\"small\">Cited sentence: bytes \(s)–\(e), highlighted below.</p>\n" }
        o += "<article class=\"article\">\(article)</article>\n"
        var q = EventQuery()
        q.documentID = d.id
        let events = try await store.events(q)
        if !events.isEmpty {
            o += "<section><h2>Events coded from this document</h2><table class=\"events\"><thead><tr><th>source</th><th>target</th><th>CAMEO</th><th>Goldstein</th><th>sentence</th></tr></thead><tbody>\n"
            for e in events {
                let x = e.event
                let link = e.sentenceSpan.map { "/documents/\(percentEncode(d.id))?s=\($0.start)-\($0.end)" }
                let sentence = h(e.sentenceText ?? "")
                o += "<tr class=\"event-row q\(x.quad)\"><td>\(h(x.source?.code ?? "—"))</td><td>\(h(x.target?.code ?? "—"))</td><td>\(h(x.cameo))</td><td>\(fmt(x.goldstein))</td>"
                o += "<td>\(link.map { "<a href=\"\(h($0))\">\(sentence)</a>" } ?? sentence)</td></tr>\n"
            }
            o += "</tbody></table></section>\n"
        }
        return page(title: "\(heading) — Parley", body: o)
    }
}

private func q(_ d: Double) -> String { "\"" + String(format: "%.1f", d) + "\"" }
private func q0(_ d: Double) -> String { String(format: "%.1f", d) }

/// The dashboard's own style and script: served by the server, nothing fetched from elsewhere.
enum Assets {
    static let css = """
    :root{--fg:#1d2330;--muted:#5b6474;--line:#d9dde5;--bg:#fbfbfd;--q1:#7fb3e0;--q2:#1f5fa8;--q3:#f2a07b;--q4:#c0282d;--gold:#222}
    *{box-sizing:border-box}body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);background:var(--bg)}
    header.top{display:flex;gap:1.5rem;align-items:center;padding:.6rem 1.2rem;background:#1d2330;color:#fff}
    header.top a{color:#fff;text-decoration:none;margin-right:1rem}.brand{font-weight:700;letter-spacing:.04em}
    main{max-width:72rem;margin:0 auto;padding:1rem 1.2rem 3rem}h1{font-size:1.6rem;margin:.6rem 0}h2{font-size:1.15rem;margin:1.2rem 0 .5rem}
    .code{font:12px ui-monospace,monospace;color:var(--muted);background:#eef0f4;padding:.05rem .3rem;border-radius:3px}
    .lede,.meta,.small{color:var(--muted)}.small{font-size:.85rem}
    form.asof{display:flex;gap:.6rem;align-items:center;flex-wrap:wrap;margin:.4rem 0 .8rem}form.asof input,form.asof select{font:inherit;padding:.2rem .4rem}
    table{border-collapse:collapse;width:100%;background:#fff}th,td{border-bottom:1px solid var(--line);padding:.3rem .45rem;text-align:left;vertical-align:top}
    th{font-size:.8rem;text-transform:uppercase;letter-spacing:.03em;color:var(--muted)}td.neg{color:var(--q4)}td.pos{color:var(--q2)}
    .cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(18rem,1fr));gap:1rem}.card{background:#fff;border:1px solid var(--line);border-radius:6px;padding:.2rem 1rem .6rem}
    .regime{font-size:1.3rem;font-weight:600;text-transform:capitalize;margin:.3rem 0}.value{font-size:.9rem;color:var(--muted)}
    .chart-box{background:#fff;border:1px solid var(--line);border-radius:6px;padding:.2rem 1rem .6rem;margin-top:1rem}
    svg.chart{width:100%;height:auto;font:11px system-ui,sans-serif}svg .grid{stroke:#eceef2}svg .zero{stroke:#999;stroke-dasharray:3 3}
    svg .q1{fill:var(--q1)}svg .q2{fill:var(--q2)}svg .q3{fill:var(--q3)}svg .q4{fill:var(--q4)}svg text{fill:var(--muted)}
    svg .goldstein polyline{fill:none;stroke:var(--gold);stroke-width:1.6}svg .goldstein circle{fill:var(--gold)}svg .goldstein-key{stroke:var(--gold);stroke-width:2}
    tr.event-row td:first-child{white-space:nowrap}tr.q3 td:nth-child(5),tr.q4 td:nth-child(5){color:var(--q4)}
    .briefing section{background:#fff;border:1px solid var(--line);border-radius:6px;padding:.1rem 1rem .5rem;margin:.8rem 0}
    a.ref{font-size:.75em;text-decoration:none;margin-left:.1rem}.formula{font:12px ui-monospace,monospace;color:var(--muted)}
    article.article{white-space:pre-wrap;background:#fff;border:1px solid var(--line);border-radius:6px;padding:1rem 1.2rem;font-size:1rem;line-height:1.6}
    mark#cited{background:#ffe36e;padding:.1rem 0;box-shadow:0 0 0 2px #ffe36e}
    """

    static let js = """
    // Parley dashboard: bring the cited sentence into view, and keep the as-of form tidy. No network access.
    (function () {
      "use strict";
      function ready(f) { if (document.readyState !== "loading") { f(); } else { document.addEventListener("DOMContentLoaded", f); } }
      ready(function () {
        var cited = document.getElementById("cited");
        if (cited && cited.scrollIntoView) { cited.scrollIntoView({ block: "center" }); }
        var form = document.querySelector("form.asof");
        if (form) {
          form.addEventListener("submit", function () {
            var input = form.querySelector("input[name=as_of]");
            if (input && input.value.trim() === "") { input.disabled = true; }
          });
          var select = form.querySelector("select[name=by]");
          if (select) { select.addEventListener("change", function () { form.submit(); }); }
        }
      });
    })();
    """
}
