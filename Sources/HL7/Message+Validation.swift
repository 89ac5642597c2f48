extension Message {
    /// Checks what a receiver needs before acting on a message (HL7 v2.5.1 §2.9.2, §2.15.9): MSH-9 message
    /// type and trigger, MSH-10 control id, MSH-11 processing id, MSH-12 version, a decodable MSH-18,
    /// valid escapes, and the segments its structure requires (see `MessageStructure`).
    /// - Throws: the first problem as an `HL7Error` with its location.
    public func validate(structures: [String: MessageStructure] = MessageStructure.standard) throws(HL7Error) {
        let msh = header
        func missing(_ field: Int, _ component: Int? = nil, _ name: String) -> HL7Error {
            HL7Error(
                .requiredFieldMissing, "\(name) is missing",
                location: ErrorLocation(segmentID: "MSH", field: field, component: component))
        }
        guard msh.field(9).component(1).text != nil else { throw missing(9, 1, "MSH-9.1 message code") }
        if messageCode != "ACK", msh.field(9).component(2).text == nil {
            throw missing(9, 2, "MSH-9.2 trigger event")
        }
        guard msh.field(10).text != nil else { throw missing(10, nil, "MSH-10 message control id") }
        guard msh.field(11).component(1).text != nil else { throw missing(11, 1, "MSH-11 processing id") }
        guard msh.field(12).component(1).text != nil else { throw missing(12, 1, "MSH-12 version id") }
        if case .unsupported(let name) = characterSet {
            throw HL7Error(
                .unsupportedCharacterSet, "character set '\(name)' in MSH-18 is not supported",
                location: ErrorLocation(segmentID: "MSH", field: 18))
        }
        var sequence: [String: Int] = [:]
        for (i, s) in segments.enumerated() {
            let id = s.id
            sequence[id, default: 0] += 1
            let body = i == 0 ? s.bytes.dropFirst(min(s.bytes.count, 4 + encoding.msh2.utf8.count)) : s.bytes
            do {
                try Escaping.validate(body, encoding: encoding)
            } catch {
                throw HL7Error(
                    error.code, error.message,
                    location: ErrorLocation(segmentID: id, segmentSequence: sequence[id] ?? 1))
            }
        }
        if let structure = structures[structureKey] {
            try structure.check(self)
        }
    }

    /// `ADT_A01`-style key: MSH-9.3 when sent, else MSH-9.1 and MSH-9.2 joined by `^`.
    var structureKey: String {
        if let s = header.field(9).component(3).text { return s }
        return "\(messageCode ?? "")^\(triggerEvent ?? "")"
    }
}

/// The segments a message structure requires, in order (HL7 v2.5.1 abstract message syntax, reduced to
/// the required, non-repeating-group skeleton a receiver checks before processing).
public struct MessageStructure: Sendable, Hashable {
    /// Required segment ids in the order they must appear.
    public var requiredSegments: [String]

    public init(requiredSegments: [String]) { self.requiredSegments = requiredSegments }

    /// Checks that the required segments are present in order.
    /// - Throws: `.segmentSequence` naming the missing or misplaced segment.
    public func check(_ message: Message) throws(HL7Error) {
        var index = 0
        let ids = message.segments.map(\.id)
        for required in requiredSegments {
            guard let found = ids[index...].firstIndex(of: required) else {
                let present = ids.contains(required)
                throw HL7Error(
                    .segmentSequence,
                    present ? "segment \(required) is out of order" : "required segment \(required) is missing",
                    location: ErrorLocation(segmentID: required))
            }
            index = found + 1
        }
    }

    /// Structures of the messages a RIS exchanges (HL7 v2.5.1 §3.3, §4.4, §7.3, §2.13), keyed by MSH-9.3
    /// and by `code^event` for senders that omit MSH-9.3.
    public static let standard: [String: MessageStructure] = {
        let adt = MessageStructure(requiredSegments: ["MSH", "EVN", "PID", "PV1"])
        let merge = MessageStructure(requiredSegments: ["MSH", "EVN", "PID", "MRG"])
        let orm = MessageStructure(requiredSegments: ["MSH", "ORC"])
        let omi = MessageStructure(requiredSegments: ["MSH", "PID", "ORC", "OBR"])
        let oru = MessageStructure(requiredSegments: ["MSH", "PID", "OBR"])
        let ack = MessageStructure(requiredSegments: ["MSH", "MSA"])
        var table: [String: MessageStructure] = [
            "ADT_A01": adt, "ADT_A05": adt, "ADT_A09": adt, "ADT_A39": merge, "ADT_A30": merge,
            "ADT_A40": merge, "ADT_A43": merge, "ORM_O01": orm, "OMI_O23": omi, "ORU_R01": oru, "ACK": ack,
        ]
        for event in ["A01", "A04", "A08", "A13"] { table["ADT^\(event)"] = adt }
        for event in ["A05", "A14", "A28", "A31"] { table["ADT^\(event)"] = adt }
        for event in ["A40", "A39", "A41", "A42", "A47"] { table["ADT^\(event)"] = merge }
        table["ORM^O01"] = orm
        table["OMI^O23"] = omi
        table["ORU^R01"] = oru
        table["ACK^"] = ack
        return table
    }()
}
