/// Builds acknowledgement messages (HL7 v2.5.1 §2.9.2 original mode, §2.9.3 enhanced mode; MSA §2.15.8,
/// ERR §2.15.5). The library has no clock or id source: the caller passes the control id and time.
public enum ACK {
    /// An acknowledgement of `original`.
    ///
    /// MSH-3/4 are the original MSH-5/6 and MSH-5/6 the original MSH-3/4 (sender and receiver swapped),
    /// MSH-9 is `ACK^<original trigger>^ACK`, MSH-11 and MSH-12 are copied, as are the delimiters and
    /// MSH-18; MSA-2 is the original MSH-10. Each error becomes an ERR segment; for versions before 2.5
    /// ERR-1 (ELD) is filled as well, since those receivers do not know ERR-2/3.
    public static func make(
        for original: Message, code: AcknowledgmentCode, controlID: String, timestamp: DTM,
        errors: [AcknowledgmentError] = [], textMessage: String? = nil
    ) -> Message {
        let h = original.header
        let header = HeaderCopy(
            sendingApplication: h.field(5).raw, sendingFacility: h.field(6).raw, receivingApplication: h.field(3).raw,
            receivingFacility: h.field(4).raw, trigger: h.field(9).component(2).raw, originalControlID: h.field(10).raw,
            processingID: h.field(11).raw, version: h.field(12).raw, characterSet: h.field(18).raw)
        return build(
            header, encoding: original.encoding, characterSet: original.characterSet, code: code, controlID: controlID,
            timestamp: timestamp, errors: errors, textMessage: textMessage)
    }

    /// A negative acknowledgement for input that could not be parsed as a message.
    ///
    /// If an MSH can still be read from the start of the bytes (it usually can when a later segment is
    /// broken), its fields are copied as in `make(for:)`; otherwise MSH-3..6 stay empty and the
    /// standard delimiters and version 2.5.1 are used.
    public static func reject(
        raw: [UInt8], error: HL7Error, code: AcknowledgmentCode = .AR, controlID: String, timestamp: DTM
    ) -> Message {
        var header = HeaderCopy()
        var encoding = EncodingCharacters.standard
        var start = 0
        if raw.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        while start < raw.count, raw[start] == 0x0D || raw[start] == 0x0A || raw[start] == 0x20 { start += 1 }
        let rest = raw[start...]
        let end = rest.firstIndex { $0 == 0x0D || $0 == 0x0A } ?? rest.endIndex
        let first = rest[rest.startIndex..<end]
        if first.starts(with: Segment.mshBytes), let enc = try? EncodingCharacters.read(msh: first) {
            encoding = enc
            var seps: [Int] = []
            for i in first.indices where first[i] == enc.field { seps.append(i) }
            let msh = Segment(bytes: first, separators: seps, encoding: enc, characterSet: .unspecified)
            header = HeaderCopy(
                sendingApplication: msh.field(5).raw, sendingFacility: msh.field(6).raw,
                receivingApplication: msh.field(3).raw, receivingFacility: msh.field(4).raw,
                trigger: msh.field(9).component(2).raw, originalControlID: msh.field(10).raw,
                processingID: msh.field(11).raw, version: msh.field(12).raw, characterSet: msh.field(18).raw)
        }
        return build(
            header, encoding: encoding, characterSet: HL7CharacterSet(msh18: header.characterSet), code: code,
            controlID: controlID, timestamp: timestamp, errors: [AcknowledgmentError(error)], textMessage: error.message
        )
    }

    struct HeaderCopy {
        var sendingApplication = ""
        var sendingFacility = ""
        var receivingApplication = ""
        var receivingFacility = ""
        var trigger = ""
        var originalControlID = ""
        var processingID = "P"
        var version = "2.5.1"
        var characterSet = ""
    }

    static func build(
        _ h: HeaderCopy, encoding: EncodingCharacters, characterSet: HL7CharacterSet, code: AcknowledgmentCode,
        controlID: String, timestamp: DTM, errors: [AcknowledgmentError], textMessage: String?
    ) -> Message {
        let w = ER7Writer(encoding: encoding, characterSet: characterSet)
        let version = h.version.isEmpty ? "2.5.1" : h.version
        var msh = Array(repeating: "", count: 18)
        msh[2] = h.sendingApplication
        msh[3] = h.sendingFacility
        msh[4] = h.receivingApplication
        msh[5] = h.receivingFacility
        msh[6] = timestamp.description
        msh[8] = w.joinComponents(["ACK", h.trigger, version >= "2.3.1" ? "ACK" : ""])
        msh[9] = w.escape(controlID)
        msh[10] = h.processingID.isEmpty ? "P" : h.processingID
        msh[11] = version
        msh[17] = h.characterSet
        var segments = [Segment(id: "MSH", rawFields: msh, encoding: encoding, characterSet: characterSet)]
        let text = textMessage ?? errors.first?.diagnosticInformation
        segments.append(
            Segment(
                id: "MSA", rawFields: [code.rawValue, h.originalControlID, w.escape(text)], encoding: encoding,
                characterSet: characterSet))
        let legacy = version < "2.5" && !version.hasPrefix("2.5")
        for e in errors {
            var err = Array(repeating: "", count: 8)
            if let loc = e.location {
                err[1] = w.joinComponents([
                    w.escape(loc.segmentID), String(loc.segmentSequence), loc.field.map(String.init) ?? "",
                    loc.fieldRepetition.map(String.init) ?? (loc.field != nil ? "1" : ""),
                    loc.component.map(String.init) ?? "", loc.subcomponent.map(String.init) ?? "",
                ])
            }
            let coded = w.joinComponents([String(e.condition.rawValue), w.escape(e.condition.text), "HL70357"])
            if legacy {
                // ELD: segment id ^ sequence ^ field position ^ code (CE, sub-components).
                let ce = w.joinSubcomponents([String(e.condition.rawValue), w.escape(e.condition.text), "HL70357"])
                err[0] = w.joinComponents([
                    w.escape(e.location?.segmentID), e.location.map { String($0.segmentSequence) } ?? "",
                    e.location?.field.map(String.init) ?? "", ce,
                ])
            }
            err[2] = coded
            err[3] = e.severity.rawValue
            err[4] = e.applicationErrorCode.map { w.components([$0]) } ?? ""
            err[6] = w.escape(e.diagnosticInformation)
            err[7] = w.escape(e.userMessage)
            segments.append(Segment(id: "ERR", rawFields: err, encoding: encoding, characterSet: characterSet))
        }
        return Message(validated: segments, encoding: encoding, characterSet: characterSet)
    }
}
