import Foundation

/// The field rules of the Diagnostic Imaging Dataset as Lightbox checks them before a return is sent: every
/// mandatory field present, each code in its format (NHS number with its modulus 11 check digit, UK postcode,
/// ODS codes, NICIP code, SNOMED CT identifier with its Verhoeff check digit), dates real and in order (request ≤
/// received ≤ test ≤ report issue; birth on or before the test).
public enum DIDFieldRules {
    public static func problems(_ record: DIDRecord) -> [DIDProblem] {
        var problems: [DIDProblem] = []
        func add(_ field: String, _ problem: String, _ severity: DIDProblem.Severity = .error) {
            problems.append(
                DIDProblem(accessionNumber: record.accessionNumber, field: field, problem: problem, severity: severity))
        }
        if record.nhsNumber.isEmpty {
            add("NHS_NUMBER", "is missing")
        } else if (try? NHSNumber(record.nhsNumber)) == nil {
            add("NHS_NUMBER", "is not a valid NHS number (10 digits with a modulus 11 check digit)")
        }
        let birth = date(record.birthDate)
        if birth == nil { add("PERSON_BIRTH_DATE", record.birthDate.isEmpty ? "is missing" : "is not CCYY-MM-DD") }
        if !["0", "1", "2", "9"].contains(record.genderCode) { add("PERSON_GENDER_CODE", "must be 0, 1, 2 or 9") }
        if !isPostcode(record.postcode) {
            add("POSTCODE", record.postcode.isEmpty ? "is missing" : "is not a UK postcode")
        }
        if !matches(record.gpPracticeCode, letters: 1, digits: 5) {
            add("GP_PRACTICE_CODE", "must be an ODS practice code (a letter and five digits)")
        }
        if !["01", "02", "03", "04", "05", "06", "07"].contains(record.patientSourceSetting) {
            add(
                "PATIENT_SOURCE_SETTING",
                record.patientSourceSetting.isEmpty
                    ? "is missing (the request has no patient source)" : "is not a known code")
        }
        if record.referrerCode.isEmpty { add("REFERRER_CODE", "is missing") }
        if !isODS(record.referringOrganisationCode) {
            add(
                "REFERRING_ORGANISATION_CODE",
                record.referringOrganisationCode.isEmpty
                    ? "is missing (the referrer has no organisation code)" : "is not an ODS code")
        }
        let requested = date(record.requestDate)
        let received = date(record.requestReceivedDate)
        let tested = date(record.testDate)
        if requested == nil { add("DIAGNOSTIC_TEST_REQUEST_DATE", "is not CCYY-MM-DD") }
        if received == nil { add("DIAGNOSTIC_TEST_REQUEST_RECEIVED_DATE", "is not CCYY-MM-DD") }
        if tested == nil { add("DIAGNOSTIC_TEST_DATE", "is not CCYY-MM-DD") }
        if let requested, let received, received < requested {
            add("DIAGNOSTIC_TEST_REQUEST_RECEIVED_DATE", "is before the request date")
        }
        if let received, let tested, tested < received {
            add("DIAGNOSTIC_TEST_DATE", "is before the request was received")
        }
        if let birth, let tested, tested < birth { add("PERSON_BIRTH_DATE", "is after the test date") }
        if !record.reportIssueDate.isEmpty {
            if let issued = date(record.reportIssueDate) {
                if let tested, issued < tested { add("REPORT_ISSUE_DATE", "is before the test date") }
            } else {
                add("REPORT_ISSUE_DATE", "is not CCYY-MM-DD")
            }
        }
        if !isNICIP(record.nicipCode) {
            add("NICIP_CODE", "must be 5 or 6 capital letters or digits, the first a letter")
        }
        if record.snomedCTCode.isEmpty {
            add("SNOMED_CT_CODE", "is not mapped for \(record.nicipCode) in the catalogue", .warning)
        } else if !isSNOMEDIdentifier(record.snomedCTCode) {
            add("SNOMED_CT_CODE", "is not a SNOMED CT identifier (6 to 18 digits with a Verhoeff check digit)")
        }
        if record.accessionNumber.isEmpty { add("ACCESSION_NUMBER", "is missing") }
        return problems
    }

    /// The submitter's codes, which every row carries: checked once for the whole return (an empty month too).
    public static func problems(_ submitter: DatasetSubmitter) -> [DIDProblem] {
        var problems: [DIDProblem] = []
        if !isODS(submitter.providerCode ?? "") {
            problems.append(
                DIDProblem(
                    accessionNumber: "", field: "PROVIDER_CODE",
                    problem: "is not set: configure the department's ODS provider code (diagnosticImagingDataset)"))
        }
        if !isODS(submitter.siteCode ?? "") {
            problems.append(
                DIDProblem(
                    accessionNumber: "", field: "SITE_CODE",
                    problem: "is not set: configure the imaging site's ODS code (diagnosticImagingDataset)"))
        }
        return problems
    }

    static func date(_ text: String) -> CalendarDate? { try? CalendarDate(iso: text) }

    /// UK postcode: outward code (A9, A99, AA9, AA99, A9A, AA9A), a space, inward code (9AA).
    static func isPostcode(_ text: String) -> Bool {
        let parts = text.uppercased().split(separator: " ")
        guard parts.count == 2, parts[1].count == 3 else { return false }
        let inward = Array(parts[1])
        guard inward[0].isASCII, inward[0].isNumber, inward[1].isASCII, inward[1].isLetter, inward[2].isASCII,
            inward[2].isLetter
        else { return false }
        let outward = Array(parts[0])
        guard (2...4).contains(outward.count), outward[0].isASCII, outward[0].isLetter else { return false }
        return outward.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } && outward.contains { $0.isNumber }
    }

    /// An ODS organisation or site code: 3 to 6 capital letters or digits.
    static func isODS(_ text: String) -> Bool {
        (3...6).contains(text.count) && text.allSatisfy { $0.isASCII && ($0.isUppercase || $0.isNumber) }
    }

    static func matches(_ text: String, letters: Int, digits: Int) -> Bool {
        let characters = Array(text)
        guard characters.count == letters + digits else { return false }
        return characters.prefix(letters).allSatisfy { $0.isASCII && $0.isUppercase }
            && characters.suffix(digits).allSatisfy { $0.isASCII && $0.isNumber }
    }

    static func isNICIP(_ text: String) -> Bool {
        guard (5...6).contains(text.count), let first = text.first, first.isASCII, first.isUppercase else {
            return false
        }
        return text.allSatisfy { $0.isASCII && ($0.isUppercase || $0.isNumber) }
    }

    /// SNOMED CT identifiers: 6 to 18 digits, no leading zero, the last a Verhoeff check digit over the rest.
    public static func isSNOMEDIdentifier(_ text: String) -> Bool {
        guard (6...18).contains(text.count), text.first != "0", text.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            return false
        }
        return verhoeffValid(text)
    }

    static func verhoeffValid(_ digits: String) -> Bool {
        let d: [[Int]] = [
            [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 3, 4, 0, 6, 7, 8, 9, 5], [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
            [3, 4, 0, 1, 2, 8, 9, 5, 6, 7], [4, 0, 1, 2, 3, 9, 5, 6, 7, 8], [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
            [6, 5, 9, 8, 7, 1, 0, 4, 3, 2], [7, 6, 5, 9, 8, 2, 1, 0, 4, 3], [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
            [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
        ]
        let p: [[Int]] = [
            [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 5, 7, 6, 2, 8, 3, 0, 9, 4], [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
            [8, 9, 1, 6, 0, 4, 3, 5, 2, 7], [9, 4, 5, 3, 1, 2, 6, 8, 7, 0], [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
            [2, 7, 9, 3, 8, 0, 6, 4, 1, 5], [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
        ]
        var check = 0
        for (index, character) in digits.reversed().enumerated() {
            guard let digit = character.wholeNumberValue else { return false }
            check = d[check][p[index % 8][digit]]
        }
        return check == 0
    }
}
