import Foundation
import LightboxServer
import Testing

@Suite("Layered configuration")
struct ConfigurationTests {
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
}
