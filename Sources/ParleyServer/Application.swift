import Foundation
import HTTPTypes
import Hummingbird
import ParleyAnalysis
import ParleyModel
import ParleyStore

/// How a Parley server runs.
public struct ServerConfiguration: Sendable {
    public var host = "127.0.0.1"
    public var port = 8080
    /// Bearer token for writes; with none, writes are refused (403).
    public var token: String?
    /// The largest request body accepted (413 beyond).
    public var maxBodyBytes = 8 << 20
    /// Events per page when `limit` is not given, and the largest `limit` accepted.
    public var defaultPageSize = 100
    public var maxPageSize = 1000
    /// Rows in the dashboard's event table.
    public var dashboardEvents = 300
    /// The ingestion time to record (tests); nil means the clock.
    public var now: Date?
    public var serverName = "Parley"

    public init(host: String = "127.0.0.1", port: Int = 8080, token: String? = nil, maxBodyBytes: Int = 8 << 20) {
        self.host = host
        self.port = port
        self.token = token
        self.maxBodyBytes = maxBodyBytes
    }
}

/// The Parley HTTP application over a store: JSON API, dashboard, metrics.
public func buildApplication(store: any EventStore, configuration: ServerConfiguration,
                             metrics: ServerMetrics = ServerMetrics(),
                             onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
    let router = buildRouter(store: store, configuration: configuration, metrics: metrics)
    return Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: configuration.serverName),
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? configuration.port) }
    )
}

/// The routes, for in-process tests and for `buildApplication`.
public func buildRouter(store: any EventStore, configuration: ServerConfiguration, metrics: ServerMetrics) -> Router<BasicRequestContext> {
    let service = ParleyService(store: store, configuration: configuration, metrics: metrics)
    let router = Router(context: BasicRequestContext.self)
    router.add(middleware: RequestMetricsMiddleware(metrics: metrics))
    service.addAPIRoutes(to: router)
    service.addDashboardRoutes(to: router)
    return router
}

/// A failure with its HTTP status and a plain message, answered as `{"error": "…", "status": n}`.
public struct APIError: HTTPResponseError, CustomStringConvertible {
    public var status: HTTPResponse.Status
    public var message: String
    public var headers: HTTPFields = [:]

    public init(_ status: HTTPResponse.Status, _ message: String, headers: HTTPFields = [:]) {
        self.status = status
        self.message = message
        self.headers = headers
    }

    public var description: String { "\(status.code): \(message)" }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var h = headers
        h[.contentType] = "application/json; charset=utf-8"
        let body = (try? JSONSerialization.data(withJSONObject: ["error": message, "status": Int(status.code)], options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return Response(status: status, headers: h, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}

/// Records each request's route, status and latency.
struct RequestMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: ServerMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = DispatchTime.now().uptimeNanoseconds
        func seconds() -> Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
        do {
            let response = try await next(request, context)
            metrics.record(route: context.endpointPath ?? "unmatched", method: request.method.rawValue,
                           status: Int(response.status.code), seconds: seconds())
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            metrics.record(route: context.endpointPath ?? "unmatched", method: request.method.rawValue, status: Int(status), seconds: seconds())
            throw error
        }
    }
}

// MARK: Responses

enum Reply {
    static func json(_ object: Any, status: HTTPResponse.Status = .ok) throws -> Response {
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func encoded<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) throws -> Response {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(bytes: try e.encode(value))))
    }

    static func text(_ s: String, contentType: String, status: HTTPResponse.Status = .ok, extra: HTTPFields = [:]) -> Response {
        var h = extra
        h[.contentType] = contentType
        return Response(status: status, headers: h, body: .init(byteBuffer: ByteBuffer(string: s)))
    }

    /// Pages: no inline scripts or styles are needed, so the policy forbids them (stored text can never run).
    static func html(_ s: String, status: HTTPResponse.Status = .ok) -> Response {
        var h: HTTPFields = [:]
        h[.contentSecurityPolicy] = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'"
        h[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        return text(s, contentType: "text/html; charset=utf-8", status: status, extra: h)
    }
}
