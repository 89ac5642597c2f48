import DICOM
import Foundation
import LightboxDomain

extension WorklistItem {
    /// The coding scheme of the department's own exam catalogue in Requested Procedure Code Sequence
    /// (a private designator, PS3.16 §8.2: "99" then the local name).
    public static let catalogueCodingScheme = "99LIGHTBOX"

    /// The item as a Modality Worklist C-FIND identifier holds it (PS3.4 Table K.6-1), every return key
    /// present (empty when Lightbox has no value), dates and times in the department's time zone.
    /// Specific Character Set is ISO_IR 192 (UTF-8) when any text is outside the default repertoire.
    public func dataSet(timeZone: TimeZone) throws -> DataSet {
        var set = DataSet(characterSet: .default)
        let text = textValues(timeZone: timeZone)
        if (text.topLevel + text.step).contains(where: { $0.1.contains { !$0.allSatisfy(\.isASCII) } }) {
            try set.set(.specificCharacterSet, strings: ["ISO_IR 192"])
        }
        for (tag, value) in text.topLevel { try set.set(tag, strings: value) }
        try set.set(MWLTag.pregnancyStatus, ints: [pregnancyStatusCode])

        var otherID = DataSet(characterSet: set.characterSet)
        var otherIDs: [DataSet] = []
        if let nhs = patient.nhsNumber, primaryPatientID.issuer != "NHS" {
            try otherID.set(.patientID, string: nhs.digits)
            try otherID.set(MWLTag.issuerOfPatientID, string: "NHS")
            try otherID.set(MWLTag.typeOfPatientID, string: "TEXT")
            otherIDs.append(otherID)
        }
        for number in patient.hospitalNumbers.dropFirst() {
            var item = DataSet(characterSet: set.characterSet)
            try item.set(.patientID, string: number.value)
            try item.set(MWLTag.issuerOfPatientID, string: number.issuingAuthority)
            try item.set(MWLTag.typeOfPatientID, string: "TEXT")
            otherIDs.append(item)
        }
        set.set(MWLTag.otherPatientIDsSequence, sequence: otherIDs)

        var code = DataSet(characterSet: set.characterSet)
        try code.set(MWLTag.codeValue, string: procedure.code)
        try code.set(MWLTag.codingSchemeDesignator, string: Self.catalogueCodingScheme)
        try code.set(MWLTag.codingSchemeVersion, strings: [])
        try code.set(MWLTag.codeMeaning, string: String(procedure.name.prefix(64)))
        set.set(MWLTag.requestedProcedureCodeSequence, sequence: [code])

        var step = DataSet(characterSet: set.characterSet)
        for (tag, value) in text.step { try step.set(tag, strings: value) }
        // The catalogue entry is also the protocol the room performs: the same code.
        step.set(MWLTag.scheduledProtocolCodeSequence, sequence: [code])
        set.set(.scheduledProcedureStepSequence, sequence: [step])
        return set
    }

    /// PS3.3 §C.7.1.4 Pregnancy Status: 1 not pregnant, 2 possibly pregnant, 3 definitely pregnant, 4 unknown.
    var pregnancyStatusCode: Int {
        switch pregnancyStatus {
        case .no, .notApplicable: 1
        case .unsure: 2
        case .yes: 3
        case nil: 4
        }
    }

    /// The Patient ID the modality gets: the first hospital number, else the NHS number.
    var primaryPatientID: (value: String, issuer: String) {
        if let number = patient.hospitalNumbers.first { return (number.value, number.issuingAuthority) }
        if let nhs = patient.nhsNumber { return (nhs.digits, "NHS") }
        return ("", "")
    }

    /// PS3.4 §K.6.1.2.2 Requested Procedure Priority.
    var priorityTerm: String {
        switch exam.priority {
        case .emergency: "STAT"
        case .urgent, .inpatient, .twoWeekWait: "HIGH"
        case .routine: "ROUTINE"
        }
    }

    /// Every text attribute, top level and of the scheduled step, in tag order.
    func textValues(timeZone: TimeZone) -> (topLevel: [(Tag, [String])], step: [(Tag, [String])]) {
        let scheduled = exam.booking?.scheduledAt ?? exam.requestedAt
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: scheduled)
        func pad(_ value: Int?, _ width: Int) -> String {
            let digits = String(value ?? 0)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        let date = pad(parts.year, 4) + pad(parts.month, 2) + pad(parts.day, 2)
        let time = pad(parts.hour, 2) + pad(parts.minute, 2) + pad(parts.second, 2)
        let referrerName = referrer.name.dicomPersonName
        let patientID = primaryPatientID
        let topLevel: [(Tag, [String])] = [
            (.accessionNumber, [exam.accessionNumber]),
            (MWLTag.referringPhysicianName, [referrerName]),
            (.patientName, [patient.name.dicomPersonName]),
            (.patientID, [patientID.value]),
            (MWLTag.issuerOfPatientID, [patientID.issuer]),
            (
                MWLTag.patientBirthDate,
                [patient.dateOfBirth.map { $0.iso.replacingOccurrences(of: "-", with: "") } ?? ""]
            ),
            (MWLTag.patientSex, [patientSex]),
            (MWLTag.medicalAlerts, medicalAlerts.map { String($0.prefix(64)) }),
            (MWLTag.allergies, allergies),
            (.studyInstanceUID, [exam.studyInstanceUID ?? StudyInstanceUID.make(from: exam.id)]),
            (MWLTag.requestingPhysician, [referrerName]),
            (MWLTag.requestedProcedureDescription, [String(exam.examName.prefix(64))]),
            (MWLTag.currentPatientLocation, [String((exam.location ?? "").prefix(64))]),
            (MWLTag.requestedProcedureID, [requestedProcedureID]),
            (MWLTag.reasonForTheRequestedProcedure, [String(exam.clinicalQuestion.prefix(64))]),
            (MWLTag.requestedProcedurePriority, [priorityTerm]),
            (MWLTag.placerOrderNumber, [String((exam.placerOrderNumber ?? "").prefix(64))]),
            (MWLTag.fillerOrderNumber, [exam.accessionNumber]),
        ]
        let step: [(Tag, [String])] = [
            (MWLTag.modality, [room.modality.rawValue]),
            (MWLTag.requestedContrastAgent, [procedure.contrast.map(Self.contrastAgent) ?? ""]),
            (MWLTag.scheduledStationAETitle, [room.aeTitle ?? ""]),
            (MWLTag.scheduledProcedureStepStartDate, [date]),
            (MWLTag.scheduledProcedureStepStartTime, [time]),
            (MWLTag.scheduledProcedureStepEndDate, [""]),
            (MWLTag.scheduledProcedureStepEndTime, [""]),
            (MWLTag.scheduledPerformingPhysicianName, [performingStaff?.name.dicomPersonName ?? ""]),
            (MWLTag.scheduledProcedureStepDescription, [String(exam.examName.prefix(64))]),
            (MWLTag.scheduledProcedureStepID, [scheduledStepID]),
            (MWLTag.scheduledStationName, [String(room.name.prefix(16))]),
            (MWLTag.scheduledProcedureStepLocation, [String(room.name.prefix(16))]),
            (MWLTag.preMedication, [""]),
            (MWLTag.scheduledProcedureStepStatus, [stepStatus.rawValue]),
            (MWLTag.commentsOnTheScheduledProcedureStep, [""]),
        ]
        // An empty string stands for "no value": the attribute is sent with zero length.
        return (topLevel.map { ($0.0, $0.1.filter { !$0.isEmpty }) }, step.map { ($0.0, $0.1.filter { !$0.isEmpty }) })
    }

    /// Requested Contrast Agent (0032,1070): the catalogue holds the route, the agent is chosen at screening.
    static func contrastAgent(_ route: ContrastRoute) -> String {
        switch route {
        case .intravenous: "Intravenous contrast"
        case .intraArterial: "Intra-arterial contrast"
        case .oral: "Oral contrast"
        case .rectal: "Rectal contrast"
        case .intrathecal: "Intrathecal contrast"
        case .intraArticular: "Intra-articular contrast"
        }
    }

    var patientSex: String {
        switch patient.sex {
        case .female: "F"
        case .male: "M"
        case .other: "O"
        case .unknown: ""
        }
    }
}
