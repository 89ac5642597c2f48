import Foundation
import HL7
import LightboxDomain

/// Reads a patient's identity from PID (HL7 v2.5.1 §3.4.2) into the domain's terms.
struct PatientTranslation {
    /// HL7 table 0203 identifier types that are not a person's record number (account, visit, encounter).
    static let nonPatientIdentifierTypes: Set<String> = ["AN", "VN", "VS", "EN", "DN", "NPI"]
    /// OID of the NHS number in England and Wales (HL7 UK).
    static let nhsNumberOID = "2.16.840.1.113883.2.1.4.1"

    let pid: PID
    /// MSH-4: issuer of identifiers that name no assigning authority.
    let sendingFacility: String?

    /// The identifiers of PID-3 (and PID-2, used by v2.3 senders), split into NHS number and hospital numbers.
    var identifiers: (nhsNumber: String?, hospitalNumbers: [HospitalNumber]) {
        var nhsNumber: String?
        var numbers: [HospitalNumber] = []
        for cx in pid.patientIdentifierList + (pid.patientID.map { [$0] } ?? []) {
            guard let value = cx.idNumber?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { continue }
            if Self.isNHSNumber(cx) {
                if nhsNumber == nil { nhsNumber = value }
                continue
            }
            if let type = cx.identifierTypeCode?.uppercased(), Self.nonPatientIdentifierTypes.contains(type) {
                continue
            }
            guard
                let authority = Self.authority(cx.assigningAuthority) ?? Self.authority(cx.assigningFacility)
                    ?? sendingFacility
            else { continue }
            let number = HospitalNumber(value: value, issuingAuthority: authority)
            if !numbers.contains(number) { numbers.append(number) }
        }
        return (nhsNumber, numbers)
    }

    static func isNHSNumber(_ cx: CX) -> Bool {
        let authority = cx.assigningAuthority
        return cx.identifierTypeCode?.uppercased() == "NH" || authority?.namespaceID?.uppercased() == "NHS"
            || authority?.universalID == nhsNumberOID
    }

    static func authority(_ hd: HD?) -> String? {
        guard let hd else { return nil }
        let text = hd.namespaceID ?? hd.universalID
        return text.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
    }

    /// HL7 CX of a hospital number (PID-3 of reports out).
    static func cx(_ number: HospitalNumber) -> CX {
        CX(
            idNumber: number.value, assigningAuthority: HD(namespaceID: number.issuingAuthority),
            identifierTypeCode: "MR")
    }

    /// PID-5: the legal name (type L) when marked, else the first.
    var name: PersonName? {
        let names = pid.patientNames
        guard let xpn = names.first(where: { $0.nameTypeCode == "L" }) ?? names.first,
            let family = xpn.familyName, !family.isEmpty
        else { return nil }
        let given = [xpn.givenName, xpn.secondNames].compactMap { $0 }.filter { !$0.isEmpty }
        return PersonName(family: family, given: given, prefix: xpn.prefix)
    }

    /// PID-7 to day precision; a time of birth is dropped.
    var dateOfBirth: CalendarDate? {
        guard let dtm = pid.dateTimeOfBirth, dtm.precision >= .day else { return nil }
        return try? CalendarDate(year: dtm.year, month: dtm.month, day: dtm.day)
    }

    /// PID-8, HL7 table 0001.
    var sex: AdministrativeSex {
        switch pid.administrativeSex?.uppercased() {
        case "F": .female
        case "M": .male
        case "O", "A", "N": .other
        default: .unknown
        }
    }

    /// PID-11: the first address (street, other designation, city, county; postcode).
    var address: PostalAddress? {
        guard let xad = pid.patientAddresses.first else { return nil }
        let lines = [xad.streetAddress, xad.otherDesignation, xad.city, xad.stateOrProvince].compactMap { $0 }
            .filter { !$0.isEmpty }
        let address = PostalAddress(lines: lines, postcode: xad.zipOrPostalCode)
        return address.isEmpty ? nil : address
    }

    /// PD1-3/4 are not read: the GP practice comes from the national spine, not from every ADT feed.
    var details: PatientDetails? {
        guard let name else { return nil }
        let ids = identifiers
        return PatientDetails(
            nhsNumber: ids.nhsNumber, hospitalNumbers: ids.hospitalNumbers, name: name, dateOfBirth: dateOfBirth,
            sex: sex, address: address)
    }

    var requestIdentifiers: RequestIdentifiers {
        let ids = identifiers
        return RequestIdentifiers(
            name: name, dateOfBirth: dateOfBirth, nhsNumber: ids.nhsNumber, hospitalNumber: ids.hospitalNumbers.first,
            address: address)
    }
}

extension PatientTranslation {
    /// MRG-1 (and MRG-4, used by v2.3 senders): the identifiers of the record being merged or renumbered.
    static func priorIdentifiers(_ mrg: MRG, sendingFacility: String?) -> (
        nhsNumber: String?, hospitalNumbers: [HospitalNumber]
    ) {
        var nhsNumber: String?
        var numbers: [HospitalNumber] = []
        for cx in mrg.priorPatientIdentifierList + (mrg.priorPatientID.map { [$0] } ?? []) {
            guard let value = cx.idNumber?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { continue }
            if isNHSNumber(cx) {
                nhsNumber = nhsNumber ?? value
                continue
            }
            guard let authority = authority(cx.assigningAuthority) ?? authority(cx.assigningFacility) ?? sendingFacility
            else { continue }
            let number = HospitalNumber(value: value, issuingAuthority: authority)
            if !numbers.contains(number) { numbers.append(number) }
        }
        return (nhsNumber, numbers)
    }
}
