import Foundation
import ParleyModel
import ParleyStore
import PostgresNIO

/// The PostgreSQL store: the `EventStore` contract over postgres-nio, with a connection pool (`PostgresClient`),
/// versioned migrations run once under an advisory lock, every value bound as a parameter, and the same daily
/// dyad aggregates as SQLite (kept exact by statement-level triggers).
///
/// Several Parley processes may share one database: document dedupe rests on the unique content hash, import
/// dedupe on the unique (origin, external id), and migrations serialize on `pg_advisory_xact_lock`.
public final class PostgresStore: DyadSeriesStore, Sendable {
    let client: PostgresClient
    let runner: Task<Void, Never>
    let logger: Logger
    /// Where it is connected (without the password).
    public let location: Location

    /// True for a `postgres://` or `postgresql://` address.
    public static func isLocation(_ s: String) -> Bool {
        s.hasPrefix("postgres://") || s.hasPrefix("postgresql://")
    }

    /// Connects to `url` (`postgres://user[:password]@host[:port]/database[?schema=…&pool=…&sslmode=…]`), creates
    /// the schema if one is named, and migrates.
    public convenience init(url: String) async throws {
        try await self.init(location: Location(url: url))
    }

    public init(location: Location) async throws {
        self.location = location
        var log = Logger(label: "parley.postgres")
        log.logLevel = .critical
        self.logger = log
        var config: PostgresClient.Configuration
        if let socket = location.unixSocket {
            config = .init(unixSocketPath: socket, username: location.user, password: location.password, database: location.database)
        } else {
            config = .init(host: location.host, port: location.port, username: location.user, password: location.password,
                           database: location.database, tls: location.tls)
        }
        config.options.maximumConnections = location.poolSize
        config.options.minimumConnections = 0
        config.options.connectTimeout = .seconds(10)
        if let schema = location.schema {
            config.options.additionalStartupParameters = [("search_path", schema)]
        }
        // One direct connection first: the pool retries quietly, this reports why a server cannot be reached.
        do {
            try await withTimeout(seconds: 15) { [log] in try await Self.probe(location, logger: log) }
        } catch {
            throw StoreError(.cannotOpen, "cannot connect to PostgreSQL at \(location.redacted): \(Self.describe(error))", underlying: error)
        }
        let client = PostgresClient(configuration: config, backgroundLogger: log)
        self.client = client
        self.runner = Task { await client.run() }
        do {
            try await migrate()
        } catch {
            runner.cancel()
            throw StoreError(.migration, "PostgreSQL migration failed at \(location.redacted): \(Self.describe(error))", underlying: error)
        }
    }

    static func probe(_ location: Location, logger: Logger) async throws {
        var c: PostgresConnection.Configuration
        if let socket = location.unixSocket {
            c = .init(unixSocketPath: socket, username: location.user, password: location.password, database: location.database)
        } else {
            let tls: PostgresConnection.Configuration.TLS
            switch location.sslMode {
            case "disable", "allow": tls = .disable
            case "verify-ca", "verify-full": tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            default:
                var t = TLSConfiguration.makeClientConfiguration()
                t.certificateVerification = .none
                let context = try NIOSSLContext(configuration: t)
                tls = location.sslMode == "require" ? .require(context) : .prefer(context)
            }
            c = .init(host: location.host, port: location.port, username: location.user, password: location.password,
                      database: location.database, tls: tls)
        }
        let conn = try await PostgresConnection.connect(on: PostgresClient.defaultEventLoopGroup.any(), configuration: c,
                                                        id: 0, logger: logger).get()
        try await conn.close()
    }

    deinit {
        runner.cancel()
    }

    /// Closes the pool's connections.
    public func close() async {
        runner.cancel()
        await runner.value
    }

    /// Drops the schema this store was opened on (`?schema=`) with everything in it, then closes: for tests and
    /// throwaway stores. Refuses when no schema was named.
    public func dropSchema() async throws {
        guard let schema = location.schema else {
            throw StoreError(.query, "dropSchema needs a store opened with ?schema=")
        }
        // The name was checked to be a plain identifier (Location.isPlainIdentifier).
        _ = try await rows("drop schema", PostgresQuery(unsafeSQL: "DROP SCHEMA IF EXISTS \(schema) CASCADE"))
        await close()
    }

    /// A safe description: the server's message and SQLSTATE, never the query's bound values.
    static func describe(_ error: any Error) -> String {
        if let e = error as? PSQLError {
            if let message = e.serverInfo?[.message] {
                let state = e.serverInfo?[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
                return message + state
            }
            return "\(e.code)"
        }
        return "\(error)"
    }

    /// Runs `body` and wraps failures as query errors.
    func run<T>(_ what: String, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let e as StoreError {
            throw e
        } catch {
            throw StoreError(.query, "PostgreSQL \(what) failed: \(Self.describe(error))", underlying: error)
        }
    }

    /// Runs `body` in one transaction (committed if it returns, rolled back if it throws).
    func transaction<T: Sendable>(_ what: String, _ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await run(what) {
            try await client.withConnection { conn in
                try await conn.query("BEGIN", logger: logger)
                do {
                    let result = try await body(conn)
                    try await conn.query("COMMIT", logger: logger)
                    return result
                } catch {
                    _ = try? await conn.query("ROLLBACK", logger: logger)
                    throw error
                }
            }
        }
    }

    /// Reads rows of one query.
    func rows(_ what: String, _ query: PostgresQuery) async throws -> [PostgresRandomAccessRow] {
        try await run(what) {
            try await client.query(query, logger: logger).collect().map { $0.makeRandomAccess() }
        }
    }
}

/// Fails with a timeout when `body` takes longer than `seconds`.
func withTimeout<T: Sendable>(seconds: Double, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(nanoseconds: UInt64(seconds * 1e9))
            throw StoreError(.cannotOpen, "no answer within \(Int(seconds)) s")
        }
        let first = try await group.next()!
        group.cancelAll()
        return first
    }
}

extension PostgresStore {
    /// A parsed `postgres://` address.
    public struct Location: Sendable, CustomStringConvertible {
        public var user: String
        public var password: String?
        public var host: String
        public var port: Int
        public var database: String
        /// A directory holding the server's socket (`?host=/path`), instead of TCP.
        public var unixSocket: String?
        /// Tables live in this schema (created if missing); default: the server's search_path.
        public var schema: String?
        /// Most connections this process opens (`?pool=N`, default 8).
        public var poolSize: Int
        /// `?sslmode=disable|prefer|require|verify-full` (default disable).
        public var sslMode: String

        public init(url: String) throws {
            guard PostgresStore.isLocation(url), let c = URLComponents(string: url) else {
                throw StoreError(.unsupportedLocation, "not a postgres:// address")
            }
            user = c.percentEncodedUser.flatMap { $0.removingPercentEncoding } ?? ProcessInfo.processInfo.environment["PGUSER"] ?? "postgres"
            password = c.percentEncodedPassword.flatMap { $0.removingPercentEncoding } ?? ProcessInfo.processInfo.environment["PGPASSWORD"]
            host = c.host.flatMap { $0.isEmpty ? nil : $0 } ?? "127.0.0.1"
            port = c.port ?? 5432
            let path = c.path.hasPrefix("/") ? String(c.path.dropFirst()) : c.path
            database = path.isEmpty ? user : (path.removingPercentEncoding ?? path)
            var items: [String: String] = [:]
            for item in c.queryItems ?? [] { items[item.name] = item.value ?? "" }
            unixSocket = nil
            if let h = items["host"], h.hasPrefix("/") {
                unixSocket = h.hasSuffix(".s.PGSQL.\(port)") ? h : h + "/.s.PGSQL.\(port)"
            }
            schema = items["schema"]
            if let s = schema, !Self.isPlainIdentifier(s) {
                throw StoreError(.unsupportedLocation, "schema must be a plain lower-case identifier ([a-z_][a-z0-9_]*)")
            }
            poolSize = max(1, Int(items["pool"] ?? "") ?? 8)
            sslMode = items["sslmode"] ?? "disable"
            guard ["disable", "allow", "prefer", "require", "verify-ca", "verify-full"].contains(sslMode) else {
                throw StoreError(.unsupportedLocation, "unknown sslmode '\(sslMode)'")
            }
        }

        static func isPlainIdentifier(_ s: String) -> Bool {
            guard let first = s.utf8.first, first == UInt8(ascii: "_") || (first >= 97 && first <= 122), s.utf8.count <= 63 else {
                return false
            }
            return s.utf8.allSatisfy { $0 == UInt8(ascii: "_") || ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) }
        }

        var tls: PostgresClient.Configuration.TLS {
            switch sslMode {
            case "disable", "allow": return .disable
            case "verify-ca", "verify-full": return .require(.makeClientConfiguration())
            default:
                var t = TLSConfiguration.makeClientConfiguration()
                t.certificateVerification = .none
                return sslMode == "require" ? .require(t) : .prefer(t)
            }
        }

        /// The address without the password.
        public var redacted: String {
            "postgres://\(user)@\(unixSocket ?? "\(host):\(port)")/\(database)" + (schema.map { "?schema=\($0)" } ?? "")
        }

        public var description: String { redacted }
    }
}
