import Foundation
import LightboxServer
import Testing

@Suite("Layered configuration")
struct ConfigurationTests {
    @Test("Idle timeout and sign-in throttling are configuration, refused when not above zero")
    func signInSettings() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "lightbox-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let defaults = try ConfigurationLoader(environment: [:]).load(.init(dataDirectory: directory.path))
        #expect(defaults.idleTimeoutSeconds == 1800)
        #expect(defaults.signInThrottle.accountFailures == 5)
        let set = try ConfigurationLoader(
            environment: [
                "LIGHTBOX_IDLE_TIMEOUT_SECONDS": "600", "LIGHTBOX_SIGN_IN_ACCOUNT_FAILURES": "3",
                "LIGHTBOX_SIGN_IN_ADDRESS_FAILURES": "40", "LIGHTBOX_SIGN_IN_LOCK_SECONDS": "120",
            ]
        ).load(.init(dataDirectory: directory.path))
        #expect(set.idleTimeoutSeconds == 600)
        #expect(set.signInThrottle.accountFailures == 3)
        #expect(set.signInThrottle.addressFailures == 40)
        #expect(set.signInThrottle.lockDuration == 120)
        #expect(throws: (any Error).self) {
            try ConfigurationLoader(environment: ["LIGHTBOX_SIGN_IN_LOCK_SECONDS": "0"]).load(
                .init(dataDirectory: directory.path))
        }
    }

    @Test("Flags beat environment, environment beats the file, the file beats defaults")
    func layering() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "lightbox-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("lightbox.json")
        try Data(
            #"{"httpPort": 9000, "hl7Port": 3000, "host": "0.0.0.0", "department": {"renalRiskAgeOver": 65, "pregnancyEnquiryAgeRange": [12, 50]}}"#
                .utf8
        ).write(to: file)

        let defaults = try ConfigurationLoader(environment: [:]).load(.init(dataDirectory: directory.path))
        #expect(defaults.httpPort == 9000)
        #expect(defaults.hl7Port == 3000)
        #expect(defaults.dicomPort == 11112)
        #expect(defaults.host == "0.0.0.0")
        #expect(defaults.department.renalRiskAgeOver == 65)
        #expect(defaults.department.pregnancyEnquiryAgeRange == 12...50)
        #expect(defaults.department.metforminEGFRBelow == 30)

        let environment = [
            "LIGHTBOX_HTTP_PORT": "9100", "LIGHTBOX_DATABASE": "postgres://u:p@127.0.0.1:5432/db",
            "LIGHTBOX_DEPARTMENT_RENAL_RISK_AGE_OVER": "75",
        ]
        let fromEnvironment = try ConfigurationLoader(environment: environment).load(
            .init(dataDirectory: directory.path))
        #expect(fromEnvironment.httpPort == 9100)
        #expect(fromEnvironment.databaseURL == "postgres://u:p@127.0.0.1:5432/db")
        #expect(fromEnvironment.department.renalRiskAgeOver == 75)

        let fromFlags = try ConfigurationLoader(environment: environment).load(
            .init(dataDirectory: directory.path, httpPort: 9200, databaseURL: "sqlite:///tmp/x.sqlite"))
        #expect(fromFlags.httpPort == 9200)
        #expect(fromFlags.databaseURL == "sqlite:///tmp/x.sqlite")
    }

    @Test("Defaults without a file, and bad values named with their source")
    func defaultsAndErrors() throws {
        let config = try ConfigurationLoader(environment: [:]).load(.init(dataDirectory: "/nonexistent/lightbox-data"))
        #expect(config.httpPort == 8080)
        #expect(config.dicomPort == 11112)
        #expect(config.hl7Port == 2575)
        #expect(config.databaseURL == nil)
        #expect(config.bcryptCost >= 10)
        #expect(ServerConfiguration().dataDirectory == "./lightbox-data")

        #expect(throws: ConfigurationLoader.ConfigurationError.self) {
            try ConfigurationLoader(environment: ["LIGHTBOX_HTTP_PORT": "eighty"]).load(
                .init(dataDirectory: "/nonexistent"))
        }
        #expect(throws: ConfigurationLoader.ConfigurationError.self) {
            try ConfigurationLoader(environment: ["LIGHTBOX_BCRYPT_COST": "4"]).load(
                .init(dataDirectory: "/nonexistent"))
        }
        #expect(throws: ConfigurationLoader.ConfigurationError.self) {
            try ConfigurationLoader(environment: [:]).load(.init(configFile: "/nonexistent/lightbox.json"))
        }
        do {
            _ = try ConfigurationLoader(environment: ["LIGHTBOX_HL7_PORT": "70000"]).load(
                .init(dataDirectory: "/nonexistent"))
            Issue.record("a port above 65535 was accepted")
        } catch let error as ConfigurationLoader.ConfigurationError {
            #expect(error.key == "hl7Port")
        }
    }

    @Test("Dose capture at ingest is on by default, turned off by the file or the environment, bad values named")
    func archiveCaptureDose() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "lightbox-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let flags = ConfigurationLoader.Flags(dataDirectory: directory.path)
        #expect(try ConfigurationLoader(environment: [:]).load(flags).archive.captureDose)
        try Data(#"{"archiveCaptureDose": false}"#.utf8).write(to: directory.appendingPathComponent("lightbox.json"))
        #expect(try !ConfigurationLoader(environment: [:]).load(flags).archive.captureDose)
        #expect(
            try ConfigurationLoader(environment: ["LIGHTBOX_ARCHIVE_CAPTURE_DOSE": "true"]).load(flags).archive
                .captureDose)
        #expect(
            try !ConfigurationLoader(environment: ["LIGHTBOX_ARCHIVE_CAPTURE_DOSE": "off"]).load(
                .init(dataDirectory: "/nonexistent")
            ).archive.captureDose)
        do {
            _ = try ConfigurationLoader(environment: ["LIGHTBOX_ARCHIVE_CAPTURE_DOSE": "sometimes"]).load(flags)
            Issue.record("'sometimes' was accepted as a setting of dose capture")
        } catch let error as ConfigurationLoader.ConfigurationError {
            #expect(error.key == "LIGHTBOX_ARCHIVE_CAPTURE_DOSE")
        }
    }

    @Test("HL7 report destinations from the flag or the environment, and malformed entries named")
    func reportDestinations() throws {
        var flags = ConfigurationLoader.Flags(dataDirectory: "/nonexistent")
        flags.hl7ReportDestinations = ["EPR=127.0.0.1:2576/EPR^RVH"]
        let fromFlag = try ConfigurationLoader(environment: ["LIGHTBOX_HL7_REPORT_DESTINATIONS": "X=h:1"]).load(flags)
        let destination = try #require(fromFlag.hl7ReportDestinations.first)
        #expect(fromFlag.hl7ReportDestinations.count == 1)
        #expect(destination.name == "EPR" && destination.host == "127.0.0.1" && destination.port == 2576)
        #expect(destination.receivingApplication == "EPR" && destination.receivingFacility == "RVH")

        let fromEnvironment = try ConfigurationLoader(
            environment: ["LIGHTBOX_HL7_REPORT_DESTINATIONS": "EPR=epr.local:2576,GP=[::1]:2577"]
        ).load(.init(dataDirectory: "/nonexistent"))
        #expect(fromEnvironment.hl7ReportDestinations.map(\.name) == ["EPR", "GP"])
        #expect(fromEnvironment.hl7ReportDestinations.last?.host == "[::1]")
        #expect(fromEnvironment.hl7ReportDestinations.first?.receivingApplication == nil)
        #expect(
            try ConfigurationLoader(environment: [:]).load(.init(dataDirectory: "/nonexistent"))
                .hl7ReportDestinations.isEmpty)

        for bad in ["EPR", "=h:1", "EPR=h", "EPR=h:0", "EPR=h:65536", "EPR=:2576", "EPR=h:port"] {
            do {
                _ = try ConfigurationLoader(environment: ["LIGHTBOX_HL7_REPORT_DESTINATIONS": bad]).load(
                    .init(dataDirectory: "/nonexistent"))
                Issue.record("'\(bad)' was accepted as a report destination")
            } catch let error as ConfigurationLoader.ConfigurationError {
                #expect(error.key == bad)
            }
        }
    }
}
