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

    /// The first reply to one frame; the listener sends every frame of `replies(to:)`.
    public func handle(_ request: MLLPRequest) async -> [UInt8]? {
        await replies(to: request).first
    }

    /// The frames answering one MLLP frame (HL7 v2.5.1 §2.9): one acknowledgement in original mode; in
    /// enhanced mode the accept acknowledgement then the application acknowledgement, each only when
    /// MSH-15 and MSH-16 ask for it (see `AcknowledgmentMode`).
    public func replies(to request: MLLPRequest) async -> [[UInt8]] {
        await replies(raw: request.raw, parsed: request.message, peer: request.peer?.description)
    }

    /// The acknowledgement for one MLLP frame: a message, or a batch (BHS … BTS, optionally in FHS … FTS),
    /// whose messages are each taken in on their own and acknowledged in a batch of ACKs.
    public func respond(raw: [UInt8], parsed: Result<Message, HL7Error>, peer: String?) async -> [UInt8] {
        await replies(raw: raw, parsed: parsed, peer: peer).flatMap { $0 }
    }

    func replies(raw: [UInt8], parsed: Result<Message, HL7Error>, peer: String?) async -> [[UInt8]] {
        if Self.isBatch(raw) {
            do {
                let batch = try Batch(parsing: raw)
                var acknowledgments: [UInt8] = Array("BHS|^~\\&|LIGHTBOX\r".utf8)
                // The batch acknowledgement (§2.10.3) carries one original-mode ACK per message, whatever
                // each message's MSH-15/16 say: the batch is the unit the sender waits on.
                for message in batch.messages {
                    acknowledgments += await replies(to: message, peer: peer, inBatch: true).flatMap { $0 }
                }
                acknowledgments += Array("BTS|\(batch.messages.count)\r".utf8)
                return [acknowledgments]
            } catch {
                return reject(raw: raw, error)
            }
        }
        switch parsed {
        case .failure(let error):
            return reject(raw: raw, error)
        case .success(let message):
            return await replies(to: message, peer: peer)
        }
    }

    static func isBatch(_ raw: [UInt8]) -> Bool {
        var start = raw.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while start < raw.count, [0x0D, 0x0A, 0x20].contains(raw[start]) { start += 1 }
        let head = raw[start...].prefix(3)
        return head.elementsEqual("FHS".utf8) || head.elementsEqual("BHS".utf8)
    }

    /// Bytes that are not a readable message: AR/AE, always sent.
    func reject(raw: [UInt8], _ error: HL7Error) -> [[UInt8]] {
        logger.warning("HL7 message refused", metadata: ["error": "\(error)"])
        // Unreadable bytes are always answered, in original mode: MSH-15/16 of a message that cannot be read
        // cannot be trusted to mean "say nothing", and AR/AE is the refusal every sender understands.
        return [
            ACK.reject(
                raw: raw, error: error, code: error.acknowledgmentCode(enhancedMode: false),
                controlID: controlID(), timestamp: timestamp()
            ).encode()
        ]
    }

    /// Answers one parsed message with its acknowledgement (original mode) or acknowledgements (enhanced).
    public func respond(to message: Message, peer: String?) async -> [UInt8] {
        await replies(to: message, peer: peer).flatMap { $0 }
    }

    /// Answers one parsed message with the frames due to its sender.
    ///
    /// A message that cannot be taken in (unsupported type, broken structure, bad MSH-15/16) is refused
    /// at once and nothing is stored: AR/AE, or CR/CE in enhanced mode. A message that is taken in runs in
    /// one transaction with the record of its receipt and of the acknowledgements due; they are sent only
    /// after that commit. In enhanced mode a message the department's rules refuse is still in safe storage
    /// (its refusal is recorded), so it gets CA and then the application's AE/AR; a repeat gets the same
    /// frames and changes nothing.
    public func replies(to message: Message, peer: String?) async -> [[UInt8]] {
        await replies(to: message, peer: peer, inBatch: false)
    }

    func replies(to message: Message, peer: String?, inBatch: Bool) async -> [[UInt8]] {
        let msh = message.msh
        let sender = [msh.sendingApplication, msh.sendingFacility].map { hd in hd.map(Self.text) ?? "" }
            .joined(separator: "^")
        let type = "\(msh.messageCode ?? "")^\(msh.triggerEvent ?? "")"
        var metadata: Logger.Metadata = ["sender": "\(sender)", "type": "\(type)", "peer": "\(peer ?? "?")"]
        let mode: AcknowledgmentMode
        do {
            mode = inBatch ? .original : try AcknowledgmentMode(message)
        } catch {
            logger.info("HL7 message refused", metadata: metadata.merging(["reason": "\(error)"]) { $1 })
            return [acknowledge(message, error, mode: .original)]
        }
        guard let code = msh.messageCode, let controlID = msh.messageControlID else {
            let error: HL7Error
            do {
                try message.validate()
                error = HL7Error(
                    .requiredFieldMissing, "MSH-9 and MSH-10 are required",
                    location: ErrorLocation(segmentID: "MSH", field: msh.messageCode == nil ? 9 : 10))
            } catch let invalid {
                error = invalid
            }
            return notTaken(message, error, mode: mode)
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
            return notTaken(message, error, mode: mode)
        }
        do {
            try message.validate()
        } catch {
            if !Self.toleratedStructureError(error, message) { return notTaken(message, error, mode: mode) }
        }
        let actor = Actor(staffID: nil, username: sender, role: .integration, door: .hl7, address: peer)
        let environment = environment
        let received = InboundMessage(
            sender: sender, controlID: controlID, messageType: type, acknowledgment: Data(),
            receivedAt: environment.clock.now())
        // Work that needs no database is done before the transaction, so that it does not hold up the one SQLite
        // writer: reading the patient of an ADT message, and the acknowledgement of a message taken without a
        // note. A reading's refusal is raised only inside, after the look-up of MSH-10, so that a repeat of a
        // refused message still gets the stored answer.
        let reading = code.uppercased() == "ADT" ? Result { try ADTHandler.read(message) } : nil
        let acceptedFrames = taken(message, mode: mode, .AA, nil, errors: [])
        do {
            // The look-up of MSH-10 and the change run in one transaction: a repeat is answered from the record
            // without a second effect, and each message costs one commit (one fsync) rather than a read-only
            // transaction before its write.
            let outcome = try await environment.store.transaction { unit -> (frames: [[UInt8]], duplicate: Bool) in
                if let stored = try await unit.inboundMessages.find(sender: sender, controlID: controlID) {
                    return (Self.frames(stored.acknowledgment), true)
                }
                var scoped = environment
                scoped.store = ScopedDepartmentStore(unit: unit)
                let department = Department(scoped)
                var note: String?
                if let reading {
                    note = try await ADTHandler(department: department, unit: unit, actor: actor).apply(
                        message, event: event, reading: reading.get())
                } else {
                    try await OrderHandler(department: department, unit: unit, actor: actor).apply(message)
                }
                let frames = note == nil ? acceptedFrames : taken(message, mode: mode, .AA, note, errors: [])
                var record = received
                record.acknowledgment = Data(frames.flatMap { $0 })
                try await unit.inboundMessages.insert(record)
                return (frames, false)
            }
            if outcome.duplicate {
                logger.info("HL7 duplicate message: stored acknowledgement sent again", metadata: metadata)
            } else {
                logger.info("HL7 message accepted", metadata: metadata)
            }
            return outcome.frames
        } catch {
            let refusal: HL7Refusal
            switch error {
            case let error as HL7Refusal:
                refusal = error
            case let error as DomainError:
                refusal = DomainErrorMapping.refusal(error)
            case let error as HL7Error:
                refusal = HL7Refusal(
                    error.acknowledgmentCode(enhancedMode: false), error.message, errors: [AcknowledgmentError(error)])
            default:
                return await notStored(message, error, mode: mode, sender: sender, controlID: controlID, metadata)
            }
            logger.info("HL7 message refused", metadata: metadata.merging(["reason": "\(refusal.text)"]) { $1 })
            let frames = taken(message, mode: mode, refusal.code, refusal.text, errors: refusal.errors)
            guard mode.isEnhanced else { return frames }
            // Enhanced mode: CA promises the message is in safe storage, so its refusal is recorded before
            // CA goes out, and a repeat gets the same answer.
            do {
                var refused = received
                refused.acknowledgment = Data(frames.flatMap { $0 })
                let record = refused
                try await environment.store.transaction { unit in try await unit.inboundMessages.insert(record) }
                return frames
            } catch {
                return await notStored(message, error, mode: mode, sender: sender, controlID: controlID, metadata)
            }
        }
    }

    /// The frames for a message taken into safe storage with the application's answer `code`: that answer
    /// alone in original mode; in enhanced mode CA and then the answer as an application acknowledgement,
    /// each as MSH-15 and MSH-16 ask.
    func taken(
        _ message: Message, mode: AcknowledgmentMode, _ code: AcknowledgmentCode, _ text: String?,
        errors: [AcknowledgmentError]
    ) -> [[UInt8]] {
        guard let accept = mode.accept, let application = mode.application else {
            return [acknowledge(message, code, text, errors: errors)]
        }
        var frames: [[UInt8]] = []
        if accept.sends(success: true) { frames.append(acknowledge(message, .CA, nil, errors: [])) }
        if application.sends(success: code == .AA) { frames.append(acknowledge(message, code, text, errors: errors)) }
        return frames
    }

    /// A message refused before it was taken in: AR/AE; in enhanced mode CR/CE when MSH-15 wants errors
    /// acknowledged, otherwise AR/AE when MSH-16 does (never both: nothing was committed to follow up on).
    func notTaken(_ message: Message, _ error: HL7Error, mode: AcknowledgmentMode) -> [[UInt8]] {
        guard let accept = mode.accept, let application = mode.application else {
            return [acknowledge(message, error, mode: mode)]
        }
        if accept.sends(success: false) { return [acknowledge(message, error, mode: mode)] }
        if application.sends(success: false) { return [acknowledge(message, error, mode: .original)] }
        return []
    }

    /// The store failed: nothing was committed, so the sender must send again (AE; in enhanced mode CE, or AE
    /// when only MSH-16 wants errors acknowledged).
    func notStored(
        _ message: Message, _ error: any Error, mode: AcknowledgmentMode, sender: String, controlID: String,
        _ metadata: Logger.Metadata
    ) async -> [[UInt8]] {
        // The same message on two connections at once: the second commit hits the unique (sender, control
        // id) key; answer it with the acknowledgements the first one stored.
        if let stored = try? await environment.store.transaction({ unit in
            try await unit.inboundMessages.find(sender: sender, controlID: controlID)
        }) {
            return Self.frames(stored.acknowledgment)
        }
        logger.error("HL7 message not stored", metadata: metadata.merging(["error": "\(error)"]) { $1 })
        var code = AcknowledgmentCode.AE
        if let accept = mode.accept, let application = mode.application {
            if accept.sends(success: false) {
                code = .CE
            } else if !application.sends(success: false) {
                return []
            }
        }
        return [
            acknowledge(
                message, code, "not stored: \(error)",
                errors: [
                    AcknowledgmentError(
                        condition: .applicationInternalError, applicationErrorCode: "hl7.not-stored",
                        diagnosticInformation: "\(error)",
                        userMessage: "Lightbox could not store the message; send it again")
                ])
        ]
    }

    /// Stored acknowledgements split back into the frames they were sent as: each begins with its MSH
    /// segment, and our own acknowledgements end every segment with CR.
    static func frames(_ stored: Data) -> [[UInt8]] {
        let bytes = Array(stored)
        var starts: [Int] = []
        for index in bytes.indices where bytes[index...].starts(with: Array("MSH".utf8)) {
            if index == 0 || bytes[index - 1] == 0x0D { starts.append(index) }
        }
        guard !starts.isEmpty else { return bytes.isEmpty ? [] : [bytes] }
        return starts.indices.map { i in
            Array(bytes[starts[i]..<(i + 1 < starts.count ? starts[i + 1] : bytes.count)])
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

    func acknowledge(_ message: Message, _ error: HL7Error, mode: AcknowledgmentMode) -> [UInt8] {
        acknowledge(
            message, error.acknowledgmentCode(enhancedMode: mode.isEnhanced), error.message,
            errors: [AcknowledgmentError(error)])
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
