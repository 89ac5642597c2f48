/// Builds an ORU^R01 unsolicited observation message carrying a text report (HL7 v2.5.1 §7.3.1):
/// MSH, PID, ORC (`RE`), OBR with the result status, and one OBX of type TX per line of the report.
public struct ORUR01: Sendable {
    /// Who sends to whom, and the message's own identity.
    public struct Header: Sendable {
        public var sendingApplication: HD
        public var sendingFacility: HD?
        public var receivingApplication: HD?
        public var receivingFacility: HD?
        /// MSH-10.
        public var controlID: String
        /// MSH-7.
        public var timestamp: DTM
        /// MSH-11 processing id (`P`, `D`, `T`).
        public var processingID: String
        /// MSH-12.
        public var version: String
        /// MSH-18; the output bytes are encoded in it.
        public var characterSet: HL7CharacterSet

        public init(
            sendingApplication: HD, sendingFacility: HD? = nil, receivingApplication: HD? = nil,
            receivingFacility: HD? = nil, controlID: String, timestamp: DTM, processingID: String = "P",
            version: String = "2.5.1", characterSet: HL7CharacterSet = .utf8
        ) {
            self.sendingApplication = sendingApplication
            self.sendingFacility = sendingFacility
            self.receivingApplication = receivingApplication
            self.receivingFacility = receivingFacility
            self.controlID = controlID
            self.timestamp = timestamp
            self.processingID = processingID
            self.version = version
            self.characterSet = characterSet
        }
    }

    /// Result status, table 0123 (OBR-25) and the matching table 0085 (OBX-11).
    public enum ResultStatus: String, Sendable, Hashable {
        /// Preliminary.
        case preliminary = "P"
        /// Final.
        case final = "F"
        /// Correction to a final result.
        case corrected = "C"
        /// Cancelled / cannot be obtained.
        case cancelled = "X"
    }

    /// A coded observation sent after the report's text (OBX of type CWE), such as the report's
    /// alert category, with its abnormal flag (OBX-8, table 0078) so a receiver can act on it.
    public struct CodedObservation: Sendable {
        /// OBX-3.
        public var identifier: CE
        /// OBX-5.
        public var value: CE
        /// OBX-8 (`AA` critically abnormal, `A` abnormal …).
        public var abnormalFlag: String?

        public init(identifier: CE, value: CE, abnormalFlag: String? = nil) {
            self.identifier = identifier
            self.value = value
            self.abnormalFlag = abnormalFlag
        }
    }

    /// The report to send.
    public struct Report: Sendable {
        /// PID-3 identifiers, each with its assigning authority.
        public var patientIdentifiers: [CX]
        /// PID-5.
        public var patientNames: [XPN]
        /// PID-7.
        public var dateOfBirth: DTM?
        /// PID-8.
        public var administrativeSex: String?
        /// ORC-2 / OBR-2.
        public var placerOrderNumber: EI?
        /// ORC-3 / OBR-3.
        public var fillerOrderNumber: EI?
        /// OBR-4 procedure.
        public var universalServiceIdentifier: CE
        /// OBR-7 when the exam was done.
        public var observationDateTime: DTM?
        /// OBR-18 (accession number by radiology convention), when known.
        public var accessionNumber: String?
        /// OBR-16 ordering provider.
        public var orderingProvider: XCN?
        /// OBR-32 principal result interpreter (the verifying radiologist).
        public var principalResultInterpreter: XCN?
        /// OBR-22 when the report reached this status.
        public var statusChangeDateTime: DTM?
        /// OBR-24 diagnostic service section (table 0074).
        public var diagnosticServiceSection: String
        /// OBR-25 / OBX-11.
        public var resultStatus: ResultStatus
        /// OBX-3 identifier of the text observation.
        public var observationIdentifier: CE
        /// The report text; each line becomes one OBX.
        public var text: String
        /// Coded observations after the text, each one OBX of type CWE.
        public var codedObservations: [CodedObservation]

        public init(
            patientIdentifiers: [CX], patientNames: [XPN] = [], dateOfBirth: DTM? = nil,
            administrativeSex: String? = nil, placerOrderNumber: EI? = nil, fillerOrderNumber: EI? = nil,
            universalServiceIdentifier: CE, observationDateTime: DTM? = nil, accessionNumber: String? = nil,
            orderingProvider: XCN? = nil, principalResultInterpreter: XCN? = nil, statusChangeDateTime: DTM? = nil,
            diagnosticServiceSection: String = "RAD", resultStatus: ResultStatus,
            observationIdentifier: CE = CE(
                identifier: "18782-3", text: "Radiology Study observation (narrative)", nameOfCodingSystem: "LN"),
            text: String, codedObservations: [CodedObservation] = []
        ) {
            self.codedObservations = codedObservations
            self.patientIdentifiers = patientIdentifiers
            self.patientNames = patientNames
            self.dateOfBirth = dateOfBirth
            self.administrativeSex = administrativeSex
            self.placerOrderNumber = placerOrderNumber
            self.fillerOrderNumber = fillerOrderNumber
            self.universalServiceIdentifier = universalServiceIdentifier
            self.observationDateTime = observationDateTime
            self.accessionNumber = accessionNumber
            self.orderingProvider = orderingProvider
            self.principalResultInterpreter = principalResultInterpreter
            self.statusChangeDateTime = statusChangeDateTime
            self.diagnosticServiceSection = diagnosticServiceSection
            self.resultStatus = resultStatus
            self.observationIdentifier = observationIdentifier
            self.text = text
        }
    }

    /// Builds the message with the standard delimiters.
    public static func make(header: Header, report: Report) -> Message {
        let enc = EncodingCharacters.standard
        let cs = header.characterSet
        let w = ER7Writer(encoding: enc, characterSet: cs)
        func seg(_ id: String, _ fields: [String]) -> Segment {
            Segment(id: id, rawFields: fields, encoding: enc, characterSet: cs)
        }
        var msh = Array(repeating: "", count: 18)
        msh[2] = header.sendingApplication.er7(w)
        msh[3] = header.sendingFacility?.er7(w) ?? ""
        msh[4] = header.receivingApplication?.er7(w) ?? ""
        msh[5] = header.receivingFacility?.er7(w) ?? ""
        msh[6] = header.timestamp.description
        msh[8] = "ORU^R01^ORU_R01"
        msh[9] = w.escape(header.controlID)
        msh[10] = w.escape(header.processingID)
        msh[11] = w.escape(header.version)
        msh[14] = "AL"
        msh[15] = "NE"
        msh[17] = cs.msh18
        var segments = [seg("MSH", msh)]

        var pid = Array(repeating: "", count: 8)
        pid[0] = "1"
        pid[2] = w.repetitions(report.patientIdentifiers.map { $0.er7(w) })
        pid[4] = w.repetitions(report.patientNames.map { $0.er7(w) })
        pid[6] = report.dateOfBirth?.description ?? ""
        pid[7] = w.escape(report.administrativeSex)
        segments.append(seg("PID", pid))

        let status = report.resultStatus.rawValue
        var orc = Array(repeating: "", count: 12)
        orc[0] = "RE"
        orc[1] = report.placerOrderNumber?.er7(w) ?? ""
        orc[2] = report.fillerOrderNumber?.er7(w) ?? ""
        orc[4] = report.resultStatus == .cancelled ? "CA" : "CM"
        orc[11] = report.orderingProvider?.er7(w) ?? ""
        segments.append(seg("ORC", orc))

        var obr = Array(repeating: "", count: 32)
        obr[0] = "1"
        obr[1] = report.placerOrderNumber?.er7(w) ?? ""
        obr[2] = report.fillerOrderNumber?.er7(w) ?? ""
        obr[3] = report.universalServiceIdentifier.er7(w)
        obr[6] = report.observationDateTime?.description ?? ""
        obr[15] = report.orderingProvider?.er7(w) ?? ""
        obr[17] = w.escape(report.accessionNumber)
        obr[21] = (report.statusChangeDateTime ?? header.timestamp).description
        obr[23] = w.escape(report.diagnosticServiceSection)
        obr[24] = status
        if let r = report.principalResultInterpreter {
            // OBR-32 is NDL whose first component is CNN, so the person's parts are sub-components.
            obr[31] = w.subcomponents([
                r.idNumber, r.familyName, r.givenName, r.secondNames, r.suffix, r.prefix, r.degree,
            ])
        }
        segments.append(seg("OBR", obr))

        let lines = ORUR01.lines(report.text)
        let identifier = report.observationIdentifier.er7(w)
        for (i, line) in lines.enumerated() {
            var obx = Array(repeating: "", count: 11)
            obx[0] = String(i + 1)
            obx[1] = "TX"
            obx[2] = identifier
            obx[4] = w.escape(line)
            obx[10] = status
            segments.append(seg("OBX", obx))
        }
        for (i, coded) in report.codedObservations.enumerated() {
            var obx = Array(repeating: "", count: 11)
            obx[0] = String(lines.count + i + 1)
            obx[1] = "CWE"
            obx[2] = coded.identifier.er7(w)
            obx[4] = coded.value.er7(w)
            obx[7] = w.escape(coded.abnormalFlag)
            obx[10] = status
            segments.append(seg("OBX", obx))
        }
        return Message(validated: segments, encoding: enc, characterSet: cs)
    }

    /// Splits report text on CR, LF or CRLF; an empty report still yields one (empty) line.
    static func lines(_ text: String) -> [String] {
        var out: [String] = []
        var current = ""
        var previousCR = false
        for ch in text.unicodeScalars {
            if ch == "\r" {
                out.append(current)
                current = ""
                previousCR = true
                continue
            }
            if ch == "\n" {
                if !previousCR { out.append(current) }
                current = ""
                previousCR = false
                continue
            }
            previousCR = false
            current.unicodeScalars.append(ch)
        }
        if !current.isEmpty || out.isEmpty { out.append(current) }
        return out
    }
}
