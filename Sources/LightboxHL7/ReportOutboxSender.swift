import Foundation
import HL7
import LightboxDomain
import Logging
import NIOCore
import ServiceLifecycle

/// Delivers the outbox to the hospital's systems as HL7 ORU^R01 over MLLP (HL7 v2.5.1 §7.3.1): per
/// destination strictly in order, the next message only after the previous one was acknowledged (AA/CA),
/// retrying with exponential back-off. The ORU is rebuilt identically on every attempt (MSH-10 from the
/// outbox entry's id, MSH-7 from its time), so a receiver that saw an attempt whose ACK was lost drops the
/// resend as a duplicate: at least once on the wire, exactly once in effect.
public final class ReportOutboxSender: Service {
    /// Where reports go.
    public struct Destination: Sendable {
        /// Matches `DepartmentConfiguration.reportDestinations`.
        public var name: String
        public var host: String
        public var port: Int
        /// MSH-5/6 of the messages sent there.
        public var receivingApplication: String?
        public var receivingFacility: String?

        public init(
            name: String, host: String, port: Int, receivingApplication: String? = nil, receivingFacility: String? = nil
        ) {
            self.name = name
            self.host = host
            self.port = port
            self.receivingApplication = receivingApplication
            self.receivingFacility = receivingFacility
        }
    }

    /// Timing of delivery attempts.
    public struct Timing: Sendable {
        public var firstRetry: Duration
        public var maximumRetry: Duration
        public var idlePoll: Duration
        public var acknowledgmentTimeout: Duration

        public init(
            firstRetry: Duration = .seconds(1), maximumRetry: Duration = .seconds(300),
            idlePoll: Duration = .seconds(1),
            acknowledgmentTimeout: Duration = .seconds(30)
        ) {
            self.firstRetry = firstRetry
            self.maximumRetry = maximumRetry
            self.idlePoll = idlePoll
            self.acknowledgmentTimeout = acknowledgmentTimeout
        }

        /// Delay before attempt `attempts + 1`: doubling from `firstRetry`, capped at `maximumRetry`.
        public func delay(afterAttempts attempts: Int) -> Duration {
            var delay = firstRetry
            for _ in 1..<max(attempts, 1) {
                delay = delay * 2
                if delay >= maximumRetry { return maximumRetry }
            }
            return min(delay, maximumRetry)
        }
    }

    let destinations: [Destination]
    let environment: DepartmentEnvironment
    let sendingApplication: String
    let sendingFacility: String?
    let timing: Timing
    let group: any EventLoopGroup
    let logger: Logger

    public init(
        destinations: [Destination], environment: DepartmentEnvironment, sendingApplication: String = "LIGHTBOX",
        sendingFacility: String? = nil, timing: Timing = Timing(), group: any EventLoopGroup, logger: Logger
    ) {
        self.destinations = destinations
        self.environment = environment
        self.sendingApplication = sendingApplication
        self.sendingFacility = sendingFacility
        self.timing = timing
        self.group = group
        self.logger = logger
    }

    public func run() async throws {
        await withTaskGroup(of: Void.self) { tasks in
            for destination in destinations {
                tasks.addTask { await self.deliver(to: destination) }
            }
        }
    }

    /// One destination's loop, until the task is cancelled (graceful shutdown cancels it).
    func deliver(to destination: Destination) async {
        let client = MLLPClient(
            configuration: .init(
                host: destination.host, port: destination.port,
                acknowledgmentTimeout: TimeAmount.nanoseconds(
                    Int64(timing.acknowledgmentTimeout.components.seconds) * 1_000_000_000)),
            group: group, logger: logger)
        defer { Task { await client.close() } }
        while !Task.isCancelled {
            do {
                let pause = try await attempt(destination, client: client)
                if let pause { try await Task.sleep(for: pause) }
            } catch is CancellationError {
                return
            } catch {
                logger.error(
                    "HL7 outbox: could not read the queue",
                    metadata: ["destination": "\(destination.name)", "error": "\(error)"])
                try? await Task.sleep(for: timing.idlePoll)
            }
        }
    }

    /// Sends the head of the queue if it is due; returns how long to wait before looking again (nil: at once).
    func attempt(_ destination: Destination, client: MLLPClient) async throws -> Duration? {
        let store = environment.store
        let name = destination.name
        guard let head = try await store.transaction({ unit in try await unit.outbox.head(destination: name) }) else {
            return timing.idlePoll
        }
        let now = environment.clock.now()
        if head.nextAttemptAt > now {
            return .milliseconds(Int64(min(head.nextAttemptAt.timeIntervalSince(now), 60) * 1000) + 1)
        }
        var message = head
        message.attempts += 1
        do {
            let oru = try await build(head, destination: destination)
            let reply = try await client.send(oru)
            let code = reply.segment("MSA")?.field(1).text ?? ""
            guard code == "AA" || code == "CA" else {
                let text = reply.segment("MSA")?.field(3).value ?? ""
                let err = reply.segment("ERR")?.field(8).value ?? ""
                throw DeliveryRefused(description: "\(code) \(text) \(err)".trimmingCharacters(in: .whitespaces))
            }
            message.deliveredAt = environment.clock.now()
            message.lastError = nil
            let delivered = message
            try await store.transaction { unit in try await unit.outbox.update(delivered) }
            logger.info(
                "HL7 report delivered",
                metadata: ["destination": "\(name)", "exam": "\(head.examID)", "attempts": "\(message.attempts)"])
            return nil
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            let delay = timing.delay(afterAttempts: message.attempts)
            message.lastError = "\(error)"
            message.nextAttemptAt = environment.clock.now().addingTimeInterval(
                Double(delay.components.seconds) + Double(delay.components.attoseconds) / 1e18)
            let failed = message
            try await store.transaction { unit in try await unit.outbox.update(failed) }
            logger.warning(
                "HL7 report not delivered; will retry",
                metadata: ["destination": "\(name)", "attempts": "\(message.attempts)", "error": "\(error)"])
            return nil
        }
    }

    struct DeliveryRefused: Error, CustomStringConvertible {
        let description: String
    }

    /// The ORU^R01 for an outbox entry, the same bytes on every attempt.
    func build(_ entry: OutboxMessage, destination: Destination) async throws -> Message {
        let (exam, patient) = try await environment.store.transaction { unit in
            guard let exam = try await unit.exams.get(entry.examID),
                let patient = try await unit.patients.get(exam.patientID)
            else { throw DomainError(.notFound, "The exam \(entry.examID) of outbox message \(entry.id) is gone.") }
            return (exam, patient)
        }
        guard let report = exam.report else {
            throw DomainError(.notFound, "The exam \(exam.accessionNumber) has no report to send.")
        }
        var identifiers = patient.hospitalNumbers.map(PatientTranslation.cx)
        if let nhs = patient.nhsNumber {
            identifiers.append(
                CX(idNumber: nhs.digits, assigningAuthority: HD(namespaceID: "NHS"), identifierTypeCode: "NH"))
        }
        let name = XPN(
            familyName: patient.name.family, givenName: patient.name.given.first,
            secondNames: patient.name.given.count > 1 ? patient.name.given.dropFirst().joined(separator: " ") : nil,
            nameTypeCode: "L")
        let dob = patient.dateOfBirth.map { DTM(year: $0.year, month: $0.month, day: $0.day, precision: .day) }
        let sex: String =
            switch patient.sex {
            case .female: "F"
            case .male: "M"
            case .other: "O"
            case .unknown: "U"
            }
        let header = ORUR01.Header(
            sendingApplication: HD(namespaceID: sendingApplication),
            sendingFacility: sendingFacility.map { HD(namespaceID: $0) },
            receivingApplication: destination.receivingApplication.map { HD(namespaceID: $0) },
            receivingFacility: destination.receivingFacility.map { HD(namespaceID: $0) },
            controlID: Self.controlID(entry.id), timestamp: DTM(entry.createdAt))
        let body = ORUR01.Report(
            patientIdentifiers: identifiers, patientNames: [name], dateOfBirth: dob, administrativeSex: sex,
            placerOrderNumber: exam.placerOrderNumber.map(Self.ei),
            fillerOrderNumber: EI(entityIdentifier: exam.accessionNumber, namespaceID: sendingApplication),
            universalServiceIdentifier: CE(identifier: exam.examCode, text: exam.examName, nameOfCodingSystem: "LOCAL"),
            observationDateTime: exam.performance.map { DTM($0.startedAt) }, accessionNumber: exam.accessionNumber,
            statusChangeDateTime: report.verifiedAt.map { DTM($0) }, resultStatus: .final, text: report.text,
            codedObservations: report.alert.map { [Self.alertObservation($0)] } ?? [])
        return ORUR01.make(header: header, report: body)
    }

    /// MSH-10 of the ORU for an outbox entry: the same on every attempt, and 20 characters, the
    /// longest MSH-10 that HL7 v2.3 receivers must accept. The UUID's last 18 hex digits are the
    /// ones that differ between entries, whether the ids are random (version 4) or sequential.
    /// The report's alert category as an OBX after the text (RCR fail-safe alert notification):
    /// OBX-3 `ALERT^Report alert category^LIGHTBOX`, OBX-5 the category, OBX-8 `AA` for critical and
    /// `A` for the others, so the receiving system can route it for action.
    static func alertObservation(_ alert: FindingAlert) -> ORUR01.CodedObservation {
        let text: String =
            switch alert {
            case .critical: "Critical: act as soon as possible"
            case .urgent: "Urgent: act within 24 hours"
            case .significantUnexpected: "Significant unexpected finding"
            case .cancer: "Suspected cancer"
            }
        return ORUR01.CodedObservation(
            identifier: CE(identifier: "ALERT", text: "Report alert category", nameOfCodingSystem: "LIGHTBOX"),
            value: CE(identifier: alert.rawValue, text: text, nameOfCodingSystem: "LIGHTBOX-ALERT"),
            abnormalFlag: alert == .critical ? "AA" : "A")
    }

    public static func controlID(_ id: UUID) -> String {
        "LB" + String(id.uuidString.replacingOccurrences(of: "-", with: "").suffix(18))
    }

    static func ei(_ text: String) -> EI {
        let parts = text.split(separator: "^", maxSplits: 1).map(String.init)
        return EI(entityIdentifier: parts.first, namespaceID: parts.count > 1 ? parts[1] : nil)
    }
}
