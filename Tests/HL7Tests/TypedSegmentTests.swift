import Testing

@testable import HL7

@Suite struct TypedSegmentTests {
    static let orm =
        "MSH|^~\\&|HIS|HOSP|RIS|RAD|20240131143000+0100||ORM^O01^ORM_O01|CTRL42|P|2.5.1|||AL|NE||UNICODE UTF-8\r"
        + "PID|1||4711^^^HOSP&1.2.250.1.71&ISO^MR~1234567890^^^NHS^NH||Müller^Anna^Maria^^Dr.^^L||19800229|F|||Hauptstraße 1^App. 2^Berlin^^10115^DEU^H||^PRN^PH^^^030^1234567\r"
        + "PD1|||Praxis Nord^^123|998^Hausarzt^Hanna||||||||Y\r"
        + "PV1|1|O|RAD^R1^B2^HOSP||||1234^Attend^Alice^^^Dr.|5678^Refer^Rob|||||||||||V0001^^^HOSP^VN|||||||||||||||||||||||||20240131140000\r"
        + "ORC|NW|PL123^HIS|FL456^RIS||SC||^^^20240201090000^^R||20240131143000|ENT^Enter^Eve||9999^Order^Oscar^^^Dr.\r"
        + "OBR|1|PL123^HIS|FL456^RIS|CTHEAD^CT head without contrast^L|||20240131150000|||||||||9999^Order^Oscar^^^Dr.||ACC789||||20240131160000||CT|F||||||^Headache&suspected bleed|rad1&Reader&Rita\r"
        + "NTE|1|P|Patient claustrophobic~second line\\.br\\third\r"
        + "IPC|ACC789^RIS|RP1^RIS|1.2.826.0.1.3680043.2.1125.1.1|SPS1^RIS|CT^Computed Tomography^DCM||CT1^RIS|ROOM1^Room 1|CTAE\r"
        + "OBX|1|TX|18782-3^Radiology Study observation^LN||No acute intracranial \\T\\ haemorrhage.~Second line||||||F|||20240131161500\r"
        + "MRG|OLD1^^^HOSP^MR||ACC1^^^HOSP^AN||||Old^Name\r"

    @Test func readsTypedSegments() throws {
        let m = try Message(parsing: Self.orm)
        #expect(m.characterSet == .utf8)
        let msh = m.msh
        #expect(msh.sendingApplication?.namespaceID == "HIS")
        #expect(msh.receivingFacility?.namespaceID == "RAD")
        #expect(msh.messageCode == "ORM" && msh.triggerEvent == "O01" && msh.messageStructure == "ORM_O01")
        #expect(msh.messageControlID == "CTRL42" && msh.processingID == "P" && msh.versionID == "2.5.1")
        #expect(msh.dateTimeOfMessage?.utcOffsetMinutes == 60)
        #expect(msh.acceptAcknowledgmentType == "AL" && msh.characterSets == ["UNICODE UTF-8"])

        let pid = try #require(try m.first(PID.self))
        #expect(pid.patientIdentifierList.count == 2)
        let mrn = pid.patientIdentifierList[0]
        #expect(mrn.idNumber == "4711" && mrn.identifierTypeCode == "MR")
        #expect(mrn.assigningAuthority == HD(namespaceID: "HOSP", universalID: "1.2.250.1.71", universalIDType: "ISO"))
        #expect(pid.patientIdentifierList[1].assigningAuthority?.namespaceID == "NHS")
        let name = try #require(pid.patientNames.first)
        #expect(name.familyName == "Müller" && name.givenName == "Anna" && name.secondNames == "Maria")
        #expect(name.prefix == "Dr." && name.nameTypeCode == "L")
        #expect(pid.dateTimeOfBirth == DTM(year: 1980, month: 2, day: 29, precision: .day))
        #expect(pid.administrativeSex == "F")
        #expect(pid.patientAddresses.first?.city == "Berlin" && pid.patientAddresses.first?.zipOrPostalCode == "10115")
        #expect(pid.patientAddresses.first?.streetAddress == "Hauptstraße 1")
        #expect(pid.phoneNumbersHome.first?.useCode == "PRN")

        let pd1 = try #require(try m.first(PD1.self))
        #expect(pd1.patientPrimaryCareProviders.first?.familyName == "Hausarzt")
        #expect(pd1.protectionIndicator == "Y")
        #expect(pd1.patientPrimaryFacility.first?.organizationName == "Praxis Nord")
        #expect(pd1.patientPrimaryFacility.first?.organizationIdentifier == "123")

        let pv1 = try #require(try m.first(PV1.self))
        #expect(pv1.patientClass == "O")
        #expect(pv1.assignedPatientLocation?.pointOfCare == "RAD" && pv1.assignedPatientLocation?.bed == "B2")
        #expect(pv1.attendingDoctors.first?.idNumber == "1234")
        #expect(pv1.referringDoctors.first?.familyName == "Refer")
        #expect(pv1.visitNumber?.idNumber == "V0001")
        #expect(pv1.admitDateTime?.hour == 14)

        let orc = try #require(try m.first(ORC.self))
        #expect(orc.orderControl == "NW" && orc.orderStatus == "SC")
        #expect(orc.placerOrderNumber == EI(entityIdentifier: "PL123", namespaceID: "HIS"))
        #expect(orc.fillerOrderNumber?.entityIdentifier == "FL456")
        #expect(orc.quantityTimingStart?.day == 1 && orc.quantityTimingPriority == "R")
        #expect(orc.orderingProviders.first?.prefix == "Dr.")

        let obr = try #require(try m.first(OBR.self))
        #expect(obr.universalServiceIdentifier?.identifier == "CTHEAD")
        #expect(obr.universalServiceIdentifier?.text == "CT head without contrast")
        #expect(obr.placerField1 == "ACC789")
        #expect(obr.diagnosticServiceSectionID == "CT" && obr.resultStatus == "F")
        #expect(
            obr.reasonsForStudy.first?.text == "Headache&suspected bleed"
                || obr.reasonsForStudy.first?.text == "Headache")
        #expect(obr.principalResultInterpreter?.familyName == "Reader")

        let nte = try #require(try m.first(NTE.self))
        #expect(nte.comments == ["Patient claustrophobic", "second line\nthird"])

        let ipc = try #require(try m.first(IPC.self))
        #expect(ipc.accessionIdentifier?.entityIdentifier == "ACC789")
        #expect(ipc.studyInstanceUID?.entityIdentifier == "1.2.826.0.1.3680043.2.1125.1.1")
        #expect(ipc.modality?.identifier == "CT" && ipc.modality?.nameOfCodingSystem == "DCM")
        #expect(ipc.scheduledStationAETitle == "CTAE")

        let obx = try #require(try m.first(OBX.self))
        #expect(obx.valueType == "TX" && obx.observationResultStatus == "F")
        #expect(obx.valueText == "No acute intracranial & haemorrhage.\nSecond line")
        #expect(obx.observationIdentifier?.nameOfCodingSystem == "LN")

        let mrg = try #require(try m.first(MRG.self))
        #expect(mrg.priorPatientIdentifierList.first?.idNumber == "OLD1")
        #expect(mrg.priorPatientAccountNumber?.identifierTypeCode == "AN")
        #expect(mrg.priorPatientNames.first?.familyName == "Old")
    }

    @Test func wrongSegmentAndStrictDataTypes() throws {
        let m = try Message(parsing: "MSH|^~\\&|A|B|C|D|2024||ADT^A01|1|P|2.5\rPID|x||1||N||19621352\r")
        let pidSegment = try #require(m.segment("PID"))
        #expect(throws: HL7Error.self) { try OBX(pidSegment) }
        let lenient = try PID(pidSegment)
        #expect(lenient.dateTimeOfBirth == nil && lenient.setID == nil)
        #expect {
            try PID(pidSegment, strict: true)
        } throws: { e in
            let e = e as? HL7Error
            return e?.code == .dataType && e?.location?.field == 1 && e?.table0357 == .dataTypeError
        }
    }

    @Test(arguments: [
        ("2024", DTM.Precision.year), ("202401", .month), ("20240131", .day), ("2024013114", .hour),
        ("202401311430", .minute), ("20240131143059", .second), ("20240131143059.1234", .fraction),
    ])
    func dtmPrecision(text: String, precision: DTM.Precision) throws {
        let d = try DTM(text)
        #expect(d.precision == precision)
        #expect(d.description == text)
    }

    @Test func dtmOffsetsAndErrors() throws {
        let a = try DTM("20240131143000+0100")
        let b = try DTM("20240131133000+0000")
        #expect(a.secondsSince1970 == b.secondsSince1970)
        #expect(a.description == "20240131143000+0100")
        #expect(try DTM("20240131143000-0530").utcOffsetMinutes == -330)
        #expect(try DTM("19700101000000+0000").secondsSince1970 == 0)
        for bad in ["", "20", "20241301", "20230229", "2024013125", "20240131143000+01", "2024x131", "202401311430.5"] {
            #expect(throws: HL7Error.self, "\(bad)") { try DTM(bad) }
        }
    }
}
