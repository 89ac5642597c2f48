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
