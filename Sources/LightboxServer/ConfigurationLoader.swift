import Foundation
import LightboxDomain
import LightboxHL7
import LightboxWeb
import Logging

/// Merges configuration layers, highest first: command-line flags → environment (`LIGHTBOX_*`) →
/// an optional JSON file → defaults. A value that cannot be read is an error naming its source and
/// key, never silently ignored.
///
/// The file (`--config`, `LIGHTBOX_CONFIG`, or `lightbox.json` in the data directory if present)
/// holds the same keys as the environment without the prefix, in camelCase (`httpPort`), plus a
/// `department` object overriding `DepartmentConfiguration` members by name.
public struct ConfigurationLoader: Sendable {
    /// Values given as command-line flags (nil: not given).
    public struct Flags: Sendable {
        public var configFile: String?
        public var dataDirectory: String?
        public var host: String?
        public var httpPort: Int?
        public var dicomPort: Int?
        public var hl7Port: Int?
        /// `NAME=HOST:PORT` entries (repeatable flag).
        public var hl7ReportDestinations: [String]?
        public var databaseURL: String?
        public var demo: Bool?
        public var logLevel: String?
        /// The DICOM listener's AE title, association limit and TLS files (see `ConfigurationLoader+DICOM`).
        public var aeTitle: String?
        public var dicomMaximumAssociations: Int?
        /// The most worklist items answered to one C-FIND (`--worklist-limit`).
        public var worklistLimit: Int?
        public var dicomTLSCertificate: String?
        public var dicomTLSPrivateKey: String?
        public var dicomTLSTrustRoots: String?
        /// The archive's duplicate policy (`keep` or `replace`).
        public var duplicatePolicy: String?
        /// The scaled demo's days and patients a day (`--demo-days`, `--demo-patients-per-day`).
        public var demoDays: Int?
        public var demoPatientsPerDay: Int?

        public init(
            configFile: String? = nil, dataDirectory: String? = nil, host: String? = nil, httpPort: Int? = nil,
            dicomPort: Int? = nil, hl7Port: Int? = nil, databaseURL: String? = nil, demo: Bool? = nil,
            logLevel: String? = nil
        ) {
            self.configFile = configFile
            self.dataDirectory = dataDirectory
            self.host = host
            self.httpPort = httpPort
            self.dicomPort = dicomPort
            self.hl7Port = hl7Port
            self.databaseURL = databaseURL
            self.demo = demo
            self.logLevel = logLevel
        }
    }

    /// A configuration value that could not be used.
    public struct ConfigurationError: Error, CustomStringConvertible, Equatable {
        public var source: String
        public var key: String
        public var problem: String
        public var description: String { "Configuration \(source) '\(key)': \(problem)" }
    }

    let environment: [String: String]
    public static let environmentPrefix = "LIGHTBOX_"

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    /// Resolves the configuration.
    public func load(_ flags: Flags) throws -> ServerConfiguration {
        let defaults = ServerConfiguration()
        let dataDirectory = flags.dataDirectory ?? environment["LIGHTBOX_DATA"] ?? defaults.dataDirectory
        let file = try loadFile(flags: flags, dataDirectory: dataDirectory)
        var config = defaults
        config.dataDirectory =
            flags.dataDirectory ?? environment["LIGHTBOX_DATA"] ?? file.string("dataDirectory")
            ?? defaults.dataDirectory
        config.host = flags.host ?? environment["LIGHTBOX_HOST"] ?? file.string("host") ?? defaults.host
        config.httpPort = try port(flags.httpPort, env: "LIGHTBOX_HTTP_PORT", key: "httpPort", file, defaults.httpPort)
        config.dicomPort = try port(
            flags.dicomPort, env: "LIGHTBOX_DICOM_PORT", key: "dicomPort", file, defaults.dicomPort)
        config.hl7Port = try port(flags.hl7Port, env: "LIGHTBOX_HL7_PORT", key: "hl7Port", file, defaults.hl7Port)
        let destinations =
            flags.hl7ReportDestinations
            ?? environment["LIGHTBOX_HL7_REPORT_DESTINATIONS"].map { $0.split(separator: ",").map(String.init) }
            ?? file.strings("hl7ReportDestinations") ?? []
        config.hl7ReportDestinations = try destinations.map(Self.reportDestination)
        config.databaseURL = flags.databaseURL ?? environment["LIGHTBOX_DATABASE"] ?? file.string("database")
        config.demo = try flags.demo ?? bool(env: "LIGHTBOX_DEMO") ?? file.bool("demo") ?? defaults.demo
        let level = flags.logLevel ?? environment["LIGHTBOX_LOG_LEVEL"] ?? file.string("logLevel")
        if let level {
            guard let parsed = Logger.Level(rawValue: level.lowercased()) else {
                throw ConfigurationError(
                    source: "log level", key: "logLevel",
                    problem: "'\(level)' is not one of \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", "))"
                )
            }
            config.logLevel = parsed
        }
        let cost = try int(env: "LIGHTBOX_BCRYPT_COST") ?? file.int("bcryptCost") ?? Int(defaults.bcryptCost)
        guard (10...31).contains(cost) else {
            throw ConfigurationError(source: "value", key: "bcryptCost", problem: "must be between 10 and 31")
        }
        config.bcryptCost = UInt8(cost)
        config.secureCookies =
            try bool(env: "LIGHTBOX_SECURE_COOKIES") ?? file.bool("secureCookies")
            ?? defaults.secureCookies
        func positive(_ env: String, _ key: String, _ fallback: Int) throws -> Int {
            let value = try int(env: env) ?? file.int(key) ?? fallback
            guard value > 0 else { throw ConfigurationError(source: "value", key: key, problem: "must be above 0") }
            return value
        }
        config.idleTimeoutSeconds = try positive(
            "LIGHTBOX_IDLE_TIMEOUT_SECONDS", "idleTimeoutSeconds", defaults.idleTimeoutSeconds)
        let throttle = defaults.signInThrottle
        config.signInThrottle = SignInThrottlePolicy(
            accountFailures: try positive(
                "LIGHTBOX_SIGN_IN_ACCOUNT_FAILURES", "signInAccountFailures", throttle.accountFailures),
            addressFailures: try positive(
                "LIGHTBOX_SIGN_IN_ADDRESS_FAILURES", "signInAddressFailures", throttle.addressFailures),
            window: TimeInterval(
                try positive("LIGHTBOX_SIGN_IN_WINDOW_SECONDS", "signInWindowSeconds", Int(throttle.window))),
            lockDuration: TimeInterval(
                try positive("LIGHTBOX_SIGN_IN_LOCK_SECONDS", "signInLockSeconds", Int(throttle.lockDuration))))
        let maxBody = try int(env: "LIGHTBOX_MAX_BODY_BYTES") ?? file.int("maxBodyBytes") ?? defaults.maxBodyBytes
        guard maxBody >= 1024 else {
            throw ConfigurationError(source: "value", key: "maxBodyBytes", problem: "must be at least 1024")
        }
        config.maxBodyBytes = maxBody
        config.department = try departmentConfiguration(file: file)
        try loadDICOM(flags, file: file, into: &config)
        try loadDemoScale(flags, into: &config)
        return config
    }

    // MARK: Layers

    struct FileLayer {
        var values: [String: Any]
        var path: String?
        func string(_ key: String) -> String? { values[key] as? String }
        func int(_ key: String) -> Int? { (values[key] as? NSNumber)?.intValue }
        func bool(_ key: String) -> Bool? { values[key] as? Bool }
        func strings(_ key: String) -> [String]? { values[key] as? [String] }
    }

    func loadFile(flags: Flags, dataDirectory: String) throws -> FileLayer {
        let explicit = flags.configFile ?? environment["LIGHTBOX_CONFIG"]
        let path = explicit ?? URL(fileURLWithPath: dataDirectory).appendingPathComponent("lightbox.json").path
        guard FileManager.default.fileExists(atPath: path) else {
            if let explicit {
                throw ConfigurationError(source: "file", key: explicit, problem: "does not exist")
            }
            return FileLayer(values: [:], path: nil)
        }
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            guard let values = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                throw ConfigurationError(source: "file", key: path, problem: "must hold a JSON object")
            }
            return FileLayer(values: values, path: path)
        } catch let error as ConfigurationError {
            throw error
        } catch {
            throw ConfigurationError(source: "file", key: path, problem: "is not valid JSON (\(error))")
        }
    }

    /// Reads `NAME=HOST:PORT`, optionally `NAME=HOST:PORT/APPLICATION^FACILITY` for MSH-5 and MSH-6.
    static func reportDestination(_ entry: String) throws -> ReportOutboxSender.Destination {
        func refuse(_ problem: String) -> ConfigurationError {
            ConfigurationError(source: "HL7 report destination", key: entry, problem: problem)
        }
        let trimmed = entry.trimmingCharacters(in: .whitespaces)
        guard let equals = trimmed.firstIndex(of: "=") else { throw refuse("expected NAME=HOST:PORT") }
        let name = String(trimmed[..<equals])
        var address = Substring(trimmed[trimmed.index(after: equals)...])
        var receiver: [Substring] = []
        if let slash = address.firstIndex(of: "/") {
            receiver = address[address.index(after: slash)...].split(separator: "^", omittingEmptySubsequences: false)
            address = address[..<slash]
        }
        guard !name.isEmpty else { throw refuse("the destination needs a name before '='") }
        guard let colon = address.lastIndex(of: ":"), let port = Int(address[address.index(after: colon)...]),
            (1...65535).contains(port), colon > address.startIndex
        else { throw refuse("expected HOST:PORT after '=' with a port from 1 to 65535") }
        return ReportOutboxSender.Destination(
            name: name, host: String(address[..<colon]), port: port,
            receivingApplication: receiver.first.map(String.init).flatMap { $0.isEmpty ? nil : $0 },
            receivingFacility: receiver.dropFirst().first.map(String.init).flatMap { $0.isEmpty ? nil : $0 })
    }

    private func port(_ flag: Int?, env: String, key: String, _ file: FileLayer, _ fallback: Int) throws -> Int {
        let value = try flag ?? int(env: env) ?? file.int(key) ?? fallback
        guard (0...65535).contains(value) else {
            throw ConfigurationError(source: "value", key: key, problem: "\(value) is not a port (0-65535)")
        }
        return value
    }

    func int(env key: String) throws -> Int? {
        guard let raw = environment[key] else { return nil }
        guard let value = Int(raw) else {
            throw ConfigurationError(source: "environment", key: key, problem: "'\(raw)' is not a whole number")
        }
        return value
    }

    func bool(env key: String) throws -> Bool? {
        guard let raw = environment[key]?.lowercased() else { return nil }
        switch raw {
        case "1", "true", "yes", "on": return true
        case "0", "false", "no", "off": return false
        default: throw ConfigurationError(source: "environment", key: key, problem: "'\(raw)' is not true or false")
        }
    }

    /// The defaults of `DepartmentConfiguration`, overridden member by member by the file's `department`
    /// object and by `LIGHTBOX_DEPARTMENT_<MEMBER>` (member in upper snake case; JSON value).
    func departmentConfiguration(file: FileLayer) throws -> DepartmentConfiguration {
        let defaults = DepartmentConfiguration()
        let encoded = try JSONEncoder().encode(defaults)
        guard var members = try JSONSerialization.jsonObject(with: encoded) as? [String: Any] else { return defaults }
        if let overrides = file.values["department"] {
            guard let overrides = overrides as? [String: Any] else {
                throw ConfigurationError(source: "file", key: "department", problem: "must be a JSON object")
            }
            for (key, value) in overrides {
                guard members[key] != nil else {
                    throw ConfigurationError(
                        source: "file", key: "department.\(key)",
                        problem: "is not a department setting (known: \(members.keys.sorted().joined(separator: ", ")))"
                    )
                }
                members[key] = value
            }
        }
        for key in members.keys {
            let envKey = "LIGHTBOX_DEPARTMENT_" + Self.upperSnake(key)
            guard let raw = environment[envKey] else { continue }
            guard let value = try? JSONSerialization.jsonObject(with: Data(raw.utf8), options: [.fragmentsAllowed])
            else {
                throw ConfigurationError(source: "environment", key: envKey, problem: "'\(raw)' is not a JSON value")
            }
            members[key] = value
        }
        do {
            let merged = try JSONSerialization.data(withJSONObject: members)
            return try JSONDecoder().decode(DepartmentConfiguration.self, from: merged)
        } catch {
            throw ConfigurationError(source: "department", key: "settings", problem: "cannot be used: \(error)")
        }
    }

    static func upperSnake(_ camel: String) -> String {
        var out = ""
        for character in camel {
            if character.isUppercase, !out.isEmpty { out += "_" }
            out += character.uppercased()
        }
        return out
    }
}
