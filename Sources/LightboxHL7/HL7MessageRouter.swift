import Foundation
import HL7
import LightboxDomain
import Logging

/// Takes HL7 v2 messages in and answers each with its acknowledgement (HL7 v2.5.1 §2.9.2): routes ADT and
/// ORM/OMI to the department's use cases, as the JSON API does. Each message runs in one transaction
/// together with the record of its receipt, so AA is sent only after the change is committed, and the same
/// message again (same MSH-3/4, same MSH-10) gets the same acknowledgement and changes nothing a second time.
/// Refused messages leave the data exactly as it was.
public struct HL7MessageRouter: MLLPHandler {
    /// The message types taken in, as "type^event".
    public static let supportedEvents: Set<String> =
        Set(ADTHandler.events.map { "ADT^\($0)" }).union(["ORM^O01", "OMI^O23"])

    let environment: DepartmentEnvironment
    let logger: Logger

    public init(environment: DepartmentEnvironment, logger: Logger) {
        self.environment = environment
        self.logger = logger
    }

    public func handle(_ request: MLLPRequest) async -> [UInt8]? {
        await respond(raw: request.raw, parsed: request.message, peer: request.peer?.description)
    }

    /// The acknowledgement for one MLLP frame: a message, or a batch (BHS … BTS, optionally in FHS … FTS),
    /// whose messages are each taken in on their own and acknowledged in a batch of ACKs.
    public func respond(raw: [UInt8], parsed: Result<Message, HL7Error>, peer: String?) async -> [UInt8] {
        if Self.isBatch(raw) {
            do {
                let batch = try Batch(parsing: raw)
                var acknowledgments: [UInt8] = Array("BHS|^~\\&|LIGHTBOX\r".utf8)
                for message in batch.messages {
                    acknowledgments += await respond(to: message, peer: peer)
                }
                acknowledgments += Array("BTS|\(batch.messages.count)\r".utf8)
                return acknowledgments
            } catch {
                return reject(raw: raw, error)
            }
        }
        switch parsed {
        case .failure(let error):
            return reject(raw: raw, error)
        case .success(let message):
            return await respond(to: message, peer: peer)
        }
    }

    static func isBatch(_ raw: [UInt8]) -> Bool {
        var start = raw.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while start < raw.count, [0x0D, 0x0A, 0x20].contains(raw[start]) { start += 1 }
        let head = raw[start...].prefix(3)
        return head.elementsEqual("FHS".utf8) || head.elementsEqual("BHS".utf8)
    }

    func reject(raw: [UInt8], _ error: HL7Error) -> [UInt8] {
        logger.warning("HL7 message refused", metadata: ["error": "\(error)"])
        return ACK.reject(
            raw: raw, error: error, code: error.acknowledgmentCode(), controlID: controlID(), timestamp: timestamp()
        ).encode()
    }

    /// Answers one parsed message.
    public func respond(to message: Message, peer: String?) async -> [UInt8] {
        let msh = message.msh
        let sender = [msh.sendingApplication, msh.sendingFacility].map { hd in hd.map(Self.text) ?? "" }
            .joined(separator: "^")
        let type = "\(msh.messageCode ?? "")^\(msh.triggerEvent ?? "")"
        var metadata: Logger.Metadata = ["sender": "\(sender)", "type": "\(type)", "peer": "\(peer ?? "?")"]
        guard let code = msh.messageCode, let controlID = msh.messageControlID else {
            do {
                try message.validate()
                return acknowledge(message, .AE, "MSH-9 and MSH-10 are required", errors: [])
            } catch {
                return acknowledge(message, error)
            }
        }
        metadata["control-id"] = "\(controlID)"
        let event = (msh.triggerEvent ?? "").uppercased()
        guard Self.supportedEvents.contains("\(code.uppercased())^\(event)") else {
            let known = ["ADT", "ORM", "OMI"].contains(code.uppercased())
            let error = HL7Error(
                known ? .unsupportedEventCode : .unsupportedMessageType,
                known
                    ? "\(type) is not taken by Lightbox (events taken: \(Self.supportedEvents.sorted().joined(separator: ", ")))"
                    : "message type \(code) is not taken by Lightbox (it takes ADT, ORM^O01 and OMI^O23)",
                location: ErrorLocation(segmentID: "MSH", field: 9, component: known ? 2 : 1))
            logger.info("HL7 message type not taken", metadata: metadata)
            return acknowledge(message, error)
        }
        do {
            try message.validate()
        } catch {
            if !Self.toleratedStructureError(error, message) { return acknowledge(message, error) }
        }
        let actor = Actor(staffID: nil, username: sender, role: .integration, door: .hl7, address: peer)
        let environment = environment
        do {
            if let stored = try await environment.store.transaction({ unit in
                try await unit.inboundMessages.find(sender: sender, controlID: controlID)
            }) {
                logger.info("HL7 duplicate message: stored acknowledgement sent again", metadata: metadata)
                return Array(stored.acknowledgment)
            }
            let ack = try await environment.store.transaction { unit in
                var scoped = environment
                scoped.store = ScopedDepartmentStore(unit: unit)
                let department = Department(scoped)
                var note: String?
                if code.uppercased() == "ADT" {
                    note = try await ADTHandler(department: department, unit: unit, actor: actor).apply(
                        message, event: event)
                } else {
                    try await OrderHandler(department: department, actor: actor).apply(message)
                }
                let ack = acknowledge(message, .AA, note, errors: [])
                try await unit.inboundMessages.insert(
                    InboundMessage(
                        sender: sender, controlID: controlID, messageType: type, acknowledgment: Data(ack),
                        receivedAt: environment.clock.now()))
                return ack
            }
            logger.info("HL7 message accepted", metadata: metadata)
            return ack
        } catch let refusal as HL7Refusal {
            logger.info("HL7 message refused", metadata: metadata.merging(["reason": "\(refusal.text)"]) { $1 })
            return acknowledge(message, refusal.code, refusal.text, errors: refusal.errors)
        } catch let error as DomainError {
            let refusal = DomainErrorMapping.refusal(error)
            logger.info("HL7 message refused", metadata: metadata.merging(["reason": "\(error.message)"]) { $1 })
            return acknowledge(message, refusal.code, refusal.text, errors: refusal.errors)
        } catch let error as HL7Error {
            return acknowledge(message, error)
        } catch {
            // The same message on two connections at once: the second commit hits the unique (sender,
            // control id) key; answer it with the acknowledgement the first one stored.
            if let stored = try? await environment.store.transaction({ unit in
                try await unit.inboundMessages.find(sender: sender, controlID: controlID)
            }) {
                return Array(stored.acknowledgment)
            }
            logger.error("HL7 message not stored", metadata: metadata.merging(["error": "\(error)"]) { $1 })
            return acknowledge(
                message, .AE, "not stored: \(error)",
                errors: [
                    AcknowledgmentError(
                        condition: .applicationInternalError, applicationErrorCode: "hl7.not-stored",
                        diagnosticInformation: "\(error)",
                        userMessage: "Lightbox could not store the message; send it again")
                ])
        }
    }

    /// Senders before v2.5 often leave out EVN in ADT (the event is in MSH-9 already); that alone is not a
    /// reason to refuse their patients. From v2.5 on the structure is enforced as the standard says.
    static func toleratedStructureError(_ error: HL7Error, _ message: Message) -> Bool {
        guard error.code == .segmentSequence, error.location?.segmentID == "EVN",
            !message.segments.contains(where: { $0.id == "EVN" })
        else { return false }
        let version = message.msh.versionID ?? ""
        return version.hasPrefix("2.1") || version.hasPrefix("2.2") || version.hasPrefix("2.3")
            || version.hasPrefix("2.4")
    }

    func acknowledge(_ message: Message, _ error: HL7Error) -> [UInt8] {
        acknowledge(
            message, error.acknowledgmentCode(enhancedMode: false), error.message, errors: [AcknowledgmentError(error)])
    }

    func acknowledge(
        _ message: Message, _ code: AcknowledgmentCode, _ text: String?, errors: [AcknowledgmentError]
    ) -> [UInt8] {
        ACK.make(
            for: message, code: code, controlID: controlID(), timestamp: timestamp(), errors: errors,
            textMessage: text
        ).encode()
    }

    /// MSH-10 of our acknowledgements: 20 characters (the ST length of v2.3/2.4 MSH-10).
    func controlID() -> String {
        "LB" + String(environment.ids.next().uuidString.replacingOccurrences(of: "-", with: "").prefix(18))
    }

    func timestamp() -> DTM {
        DTM(environment.clock.now())
    }

    static func text(_ hd: HD) -> String {
        [hd.namespaceID, hd.universalID, hd.universalIDType].compactMap { $0 }.joined(separator: "&")
    }
}
