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
        let omi = MessageStructure(requiredSegments: ["MSH", "ORC", "OBR", "IPC"])
        let oru = MessageStructure(requiredSegments: ["MSH", "OBR"])
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
