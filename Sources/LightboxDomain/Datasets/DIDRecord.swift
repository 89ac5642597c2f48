import Foundation

/// One row of the Diagnostic Imaging Dataset (DOMAIN.md "Numbers the department is judged on"): one performed
/// exam, with the fields of the monthly return as they are submitted (dates CCYY-MM-DD, codes as text).
public struct DIDRecord: Sendable, Codable, Equatable {
    public var nhsNumber: String
    public var birthDate: String
    /// NHS data dictionary person gender code: 1 male, 2 female, 9 not specified, 0 not known.
    public var genderCode: String
    public var postcode: String
    /// GP practice (ODS); V81999 when not known (the data dictionary's default code).
    public var gpPracticeCode: String
    /// DID patient source setting: 01 inpatient, 03 outpatient, 04 GP direct access, 05 emergency department,
    /// 07 other.
    public var patientSourceSetting: String
    /// The referrer's professional registration (GMC, NMC, HCPC or GDC number).
    public var referrerCode: String
    public var referringOrganisationCode: String
    public var requestDate: String
    public var requestReceivedDate: String
    public var nicipCode: String
    public var snomedCTCode: String
    public var testDate: String
    public var reportIssueDate: String
    public var providerCode: String
    public var siteCode: String
    public var accessionNumber: String

    /// The column names of the CSV file, in order.
    public static let header = [
        "NHS_NUMBER", "PERSON_BIRTH_DATE", "PERSON_GENDER_CODE", "POSTCODE", "GP_PRACTICE_CODE",
        "PATIENT_SOURCE_SETTING", "REFERRER_CODE", "REFERRING_ORGANISATION_CODE", "DIAGNOSTIC_TEST_REQUEST_DATE",
        "DIAGNOSTIC_TEST_REQUEST_RECEIVED_DATE", "NICIP_CODE", "SNOMED_CT_CODE", "DIAGNOSTIC_TEST_DATE",
        "REPORT_ISSUE_DATE", "PROVIDER_CODE", "SITE_CODE", "ACCESSION_NUMBER",
    ]

    /// The fields in `header`'s order.
    public var fields: [String] {
        [
            nhsNumber, birthDate, genderCode, postcode, gpPracticeCode, patientSourceSetting, referrerCode,
            referringOrganisationCode, requestDate, requestReceivedDate, nicipCode, snomedCTCode, testDate,
            reportIssueDate, providerCode, siteCode, accessionNumber,
        ]
    }
}
