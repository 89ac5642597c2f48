/// Reads a Radiation Dose SR content tree into a `DoseSummary`, leniently: concepts are found by
/// code wherever the templates put them, units come from each item, and whatever is missing or odd
/// becomes a warning. PS3.16 TID 10001–10005, 10011–10013, 10021–10022, 10030, 10040.
///
/// Peak skin dose: the X-Ray Radiation Dose SR templates have no concept of their own for it; PS3.16
/// gives it as a Maximum Absorbed Radiation Dose (128531, CID 10061) with Finding Site (363698007)
/// Skin (39937001, CID 10060), the pair the Patient Radiation Dose SR (TID 10030) uses and that
/// extensible X-Ray templates may carry. It is read wherever it appears: inside an irradiation event
/// for that event, elsewhere for the whole report.
struct DoseReportExtractor {
    private var warnings: [SRWarning] = []

    // MARK: Concept codes (PS3.16 Annex D; SNOMED codes in both their SRT and SCT forms).

    static let xRayDoseReport = CodedEntry.dcm("113701")
    static let radiopharmaceuticalDoseReport = CodedEntry.dcm("113500")
    static let patientDoseReport = CodedEntry.dcm("128401")
    static let maximumAbsorbedDose = CodedEntry.dcm("128531")
    static let findingSite = [CodedEntry("363698007", "SCT"), CodedEntry("G-C0E3", "SRT")]
    static let skinCodes: Set<String> = ["39937001", "T-01000"]
    static let procedureReported = [CodedEntry.dcm("121058")]
    static let accumulatedXRay = CodedEntry.dcm("113702")
    static let irradiationEvent = CodedEntry.dcm("113706")
    static let ctAccumulated = CodedEntry.dcm("113811")
    static let ctAcquisition = CodedEntry.dcm("113819")
    static let administration = CodedEntry.dcm("113502")
    static let acquisitionPlane = [CodedEntry.dcm("113764")]
    static let laterality = [CodedEntry("G-C171", "SRT"), CodedEntry("272741003", "SCT")]
    static let anatomicalStructure = [CodedEntry("T-D0005", "SRT"), CodedEntry("91723000", "SCT")]

    static let ctCodes: Set<String> = ["P5-08000", "77477000"]
    static let mammographyCodes: Set<String> = ["P5-40010", "71651007"]
    static let leftCodes: Set<String> = ["T-04030", "80248007", "G-A101", "7771000"]
    static let rightCodes: Set<String> = ["T-04020", "73056007", "G-A100", "24028007"]
    static let bothCodes: Set<String> = ["G-A102", "51440002", "T-04080", "63762007"]

    static let enhancedSOPClass = "1.2.840.10008.5.1.4.1.1.88.76"

    func summary(of report: StructuredReport, dataSet: DataSet) -> DoseSummary {
        var extractor = self
        return extractor.extract(report, dataSet)
    }

    private mutating func extract(_ report: StructuredReport, _ dataSet: DataSet) -> DoseSummary {
        let root = report.root
        let isXRay = root.conceptName?.matches(Self.xRayDoseReport) ?? false
        let isRadiopharmaceutical = root.conceptName?.matches(Self.radiopharmaceuticalDoseReport) ?? false
        let isPatientDose = root.conceptName?.matches(Self.patientDoseReport) ?? false
        var summary: DoseSummary
        if isPatientDose {
            summary = DoseSummary(source: .patientRadiationDoseSR)
        } else if isXRay {
            summary = DoseSummary(
                source: report.sopClassUID == Self.enhancedSOPClass
                    ? .enhancedXRayRadiationDoseSR : .xRayRadiationDoseSR)
        } else if isRadiopharmaceutical {
            summary = DoseSummary(source: .radiopharmaceuticalRadiationDoseSR)
        } else {
            summary = DoseSummary(source: .none)
            summary.context = Self.headerContext(dataSet)
            summary.templateIdentifier = report.templateIdentifier
            summary.warnings =
                report.warnings + [
                    SRWarning(
                        code: "dose.not-a-dose-report",
                        message:
                            "SR document titled \(root.conceptName?.description ?? "(no title)") is not a dose report")
                ]
            return summary
        }
        summary.templateIdentifier = report.templateIdentifier
        summary.context = Self.headerContext(dataSet)
        readObservationContext(root, into: &summary.context)
        let reported = first(root, Self.procedureReported)
        summary.procedureReported = reported.flatMap(Self.text)

        if isPatientDose {
            readSkinDoses(root, events: nil, into: &summary)
            if summary.totals.peakSkinDose == nil {
                warn("dose.no-skin-dose", "", "no Maximum Absorbed Radiation Dose (128531) to the skin")
            }
        } else if isRadiopharmaceutical {
            summary.procedure = .radiopharmaceutical
            for container in root.children(named: Self.administration) {
                summary.administrations.append(readAdministration(container))
            }
            if summary.administrations.isEmpty {
                warn("dose.no-administration", "", "no Radiopharmaceutical Administration (113502) container")
            }
            let activities = summary.administrations.compactMap { $0.administeredActivity?.value }
            summary.totals.administeredActivity = activities.isEmpty ? nil : activities.reduce(0, +)
        } else {
            summary.procedure = Self.procedure(
                reported?.code, templateIdentifier: report.templateIdentifier, root: root)
            if summary.procedure == .ct {
                readCT(root, into: &summary)
                readSkinDoses(root, events: Self.ctAcquisition, into: &summary)
            } else {
                readProjection(root, into: &summary)
                readSkinDoses(root, events: Self.irradiationEvent, into: &summary)
            }
        }
        summary.warnings = report.warnings + warnings
        return summary
    }

    static func procedure(_ code: CodedEntry?, templateIdentifier: String?, root: ContentItem) -> DoseSummary.Procedure
    {
        if let code {
            if ctCodes.contains(code.value) { return .ct }
            if mammographyCodes.contains(code.value) { return .mammography }
            if code.value == "113704" { return .projection }
        }
        if templateIdentifier == "10011" || root.child(named: ctAcquisition) != nil
            || root.child(named: ctAccumulated) != nil
        {
            return .ct
        }
        if !root.descendants(named: .dcm("111637")).isEmpty || !root.descendants(named: .dcm("111631")).isEmpty {
            return .mammography
        }
        return .projection
    }

    // MARK: Context

    static func headerContext(_ dataSet: DataSet) -> DoseContext {
        var context = DoseContext()
        func text(_ tag: Tag) -> String? {
            guard let value = dataSet.strings(tag).joined(separator: "\\").srNonEmpty else { return nil }
            return value
        }
        context.sopClassUID = text(.sopClassUID)
        context.sopInstanceUID = text(.sopInstanceUID)
        context.modality = text(.modality)
        context.manufacturer = text(.manufacturer)
        context.manufacturerModelName = text(.manufacturerModelName)
        context.stationName = text(.stationName)
        context.deviceSerialNumber = text(.deviceSerialNumber)
        context.institutionName = text(Tag(0x0008, 0x0080))
        context.studyInstanceUID = text(.studyInstanceUID)
        context.accessionNumber = text(.accessionNumber)
        context.studyDate = text(.studyDate)
        context.studyTime = text(.studyTime)
        context.studyDescription = text(.studyDescription)
        if let dateTime = text(.acquisitionDateTime) {
            context.acquisitionDateTime = dateTime
        } else if let date = text(.acquisitionDate) {
            context.acquisitionDateTime = date + (text(.acquisitionTime) ?? "")
        }
        return context
    }

    private func readObservationContext(_ root: ContentItem, into context: inout DoseContext) {
        func value(_ code: String) -> String? { root.child(named: .dcm(code)).flatMap(Self.text) }
        context.deviceObserverUID = value("121012")
        context.deviceObserverName = value("121013")
        context.deviceObserverManufacturer = value("121014")
        context.deviceObserverModelName = value("121015")
        context.deviceObserverSerialNumber = value("121016")
        context.startOfIrradiation = value("113809")
        context.endOfIrradiation = value("113810")
        if let scope = root.child(named: .dcm("113705")) {
            context.scopeOfAccumulation = Self.text(scope)
            context.scopeUID = scope.children.lazy.compactMap(Self.text).first
        }
    }

    // MARK: Projection X-ray and mammography (TID 10001–10005)

    private mutating func readProjection(_ root: ContentItem, into summary: inout DoseSummary) {
        let containers = root.children(named: Self.accumulatedXRay)
        if containers.isEmpty {
            warn("dose.missing-accumulated", "", "no Accumulated X-Ray Dose Data (113702) container")
        }
        for container in containers {
            var plane = AccumulatedDose()
            plane.plane = first(container, Self.acquisitionPlane).flatMap(Self.text)
            plane.doseAreaProduct = quantity(container, "113722", .doseAreaProduct)
            plane.fluoroDoseAreaProduct = quantity(container, "113726", .doseAreaProduct)
            plane.acquisitionDoseAreaProduct = quantity(container, "113727", .doseAreaProduct)
            plane.doseRP = quantity(container, "113725", .dose)
            plane.fluoroDoseRP = quantity(container, "113728", .dose)
            plane.acquisitionDoseRP = quantity(container, "113729", .dose)
            plane.fluoroTime = quantity(container, "113730", .time)
            plane.acquisitionTime = quantity(container, "113855", .time)
            plane.numberOfRadiographicFrames = count(container, "113731")
            plane.referencePointDefinition = container.child(named: .dcm("113780")).flatMap(Self.text)
            for item in container.children(named: .dcm("111637")) {
                guard let dose = quantity(item, .dose) else { continue }
                let laterality = Self.laterality(of: first(item, Self.laterality))
                plane.averageGlandularDose.append(BreastDose(laterality: laterality, dose: dose))
            }
            if summary.procedure == .mammography {
                if plane.averageGlandularDose.isEmpty {
                    warn(
                        "dose.missing-total", container.path,
                        "no Accumulated Average Glandular Dose (111637) in the accumulated data")
                }
            } else if plane.doseAreaProduct == nil {
                warn(
                    "dose.missing-total", container.path, "no Dose Area Product Total (113722) in the accumulated data")
            }
            summary.accumulated.append(plane)
        }
        for container in root.children(named: Self.irradiationEvent) {
            summary.events.append(readProjectionEvent(container))
        }
        if summary.events.isEmpty {
            warn("dose.no-events", "", "no Irradiation Event X-Ray Data (113706) containers")
        }
        let planes = summary.accumulated
        summary.totals.doseAreaProduct = Self.sum(planes.map(\.doseAreaProduct))
        summary.totals.fluoroDoseAreaProduct = Self.sum(planes.map(\.fluoroDoseAreaProduct))
        summary.totals.acquisitionDoseAreaProduct = Self.sum(planes.map(\.acquisitionDoseAreaProduct))
        summary.totals.doseRP = Self.sum(planes.map(\.doseRP))
        summary.totals.fluoroDoseRP = Self.sum(planes.map(\.fluoroDoseRP))
        summary.totals.acquisitionDoseRP = Self.sum(planes.map(\.acquisitionDoseRP))
        summary.totals.fluoroTime = Self.sum(planes.map(\.fluoroTime))
        summary.totals.acquisitionTime = Self.sum(planes.map(\.acquisitionTime))
        let frames = planes.compactMap(\.numberOfRadiographicFrames)
        summary.totals.numberOfRadiographicFrames = frames.isEmpty ? nil : frames.reduce(0, +)
        summary.totals.numberOfIrradiationEvents = summary.events.count
        summary.totals.averageGlandularDose = planes.flatMap(\.averageGlandularDose)
    }

    private mutating func readProjectionEvent(_ container: ContentItem) -> IrradiationEvent {
        var event = IrradiationEvent()
        readEventIdentity(container, into: &event)
        event.doseAreaProduct = quantity(container, "122130", .doseAreaProduct)
        event.doseRP = quantity(container, "113738", .dose)
        event.entranceDose = quantity(container, "111636", .dose)
        event.averageGlandularDose = quantity(container, "111631", .dose)
        event.kvp = quantity(container, "113733", .voltage)
        event.tubeCurrent = quantity(container, "113734", .current)
        event.exposureTime = quantity(container, "113735", .time) ?? quantity(container, "113824", .time)
        event.exposure = quantity(container, "113736", .currentTimeProduct)
        event.numberOfPulses = count(container, "113768")
        event.exposureIndex = container.child(named: .dcm("113845"))?.numericValue
        event.targetExposureIndex = container.child(named: .dcm("113846"))?.numericValue
        event.deviationIndex = container.child(named: .dcm("113847"))?.numericValue
        if let structure = first(container, Self.anatomicalStructure), let side = first(structure, Self.laterality) {
            event.laterality = Self.laterality(of: side)
        } else if let side = first(container, Self.laterality) {
            event.laterality = Self.laterality(of: side)
        }
        return event
    }

    private func readEventIdentity(_ container: ContentItem, into event: inout IrradiationEvent) {
        func value(_ code: String) -> String? { container.child(named: .dcm(code)).flatMap(Self.text) }
        event.uid = value("113769")
        event.dateTimeStarted = value("111526")
        event.eventType = value("113721")
        event.acquisitionPlane = first(container, Self.acquisitionPlane).flatMap(Self.text)
        event.acquisitionProtocol = value("125203")
        event.targetRegion = value("123014")
    }

    // MARK: CT (TID 10011–10013)

    private mutating func readCT(_ root: ContentItem, into summary: inout DoseSummary) {
        let containers = root.children(named: Self.ctAccumulated)
        if containers.isEmpty {
            warn("dose.missing-accumulated", "", "no CT Accumulated Dose Data (113811) container")
        }
        for container in containers {
            var accumulated = AccumulatedDose()
            accumulated.ctDoseLengthProduct = quantity(container, "113813", .doseLengthProduct)
            accumulated.numberOfIrradiationEvents = count(container, "113812")
            if accumulated.ctDoseLengthProduct == nil {
                warn("dose.missing-total", container.path, "no CT Dose Length Product Total (113813)")
            }
            summary.accumulated.append(accumulated)
        }
        for container in root.children(named: Self.ctAcquisition) {
            summary.events.append(readCTAcquisition(container))
        }
        if summary.events.isEmpty {
            warn("dose.no-events", "", "no CT Acquisition (113819) containers")
        }
        summary.totals.ctDoseLengthProduct = Self.sum(summary.accumulated.map(\.ctDoseLengthProduct))
        let counts = summary.accumulated.compactMap(\.numberOfIrradiationEvents)
        summary.totals.numberOfIrradiationEvents = counts.isEmpty ? summary.events.count : counts.reduce(0, +)
    }

    private mutating func readCTAcquisition(_ container: ContentItem) -> IrradiationEvent {
        var event = IrradiationEvent()
        readEventIdentity(container, into: &event)
        event.ctAcquisitionType = container.child(named: .dcm("113820")).flatMap(Self.text)
        let parameters = container.child(named: .dcm("113822")) ?? container
        event.exposureTime = quantity(parameters, "113824", .time)
        event.scanningLength = quantity(parameters, "113825", .length)
        event.pitchFactor = parameters.child(named: .dcm("113828"))?.numericValue
        for sourceItem in parameters.children(named: .dcm("113831")) {
            var source = XRaySource()
            source.identification = sourceItem.child(named: .dcm("113832")).flatMap(Self.text)
            source.kvp = quantity(sourceItem, "113733", .voltage)
            source.maximumTubeCurrent = quantity(sourceItem, "113833", .current)
            source.tubeCurrent = quantity(sourceItem, "113734", .current)
            source.exposureTimePerRotation = quantity(sourceItem, "113834", .time)
            event.xRaySources.append(source)
        }
        event.kvp = event.xRaySources.first?.kvp
        event.tubeCurrent = event.xRaySources.first?.tubeCurrent
        let dose = container.child(named: .dcm("113829")) ?? container
        event.ctdiVol = quantity(dose, "113830", .dose)
        event.dlp = quantity(dose, "113838", .doseLengthProduct)
        if let phantom = dose.child(named: .dcm("113835")) {
            event.phantomType = Self.text(phantom)
            switch phantom.code?.value {
            case "113690": event.phantomDiameter = 16
            case "113691": event.phantomDiameter = 32
            default: warn("dose.unknown-phantom", phantom.path, "CTDIw phantom type \(Self.text(phantom) ?? "?")")
            }
        } else if event.ctdiVol != nil {
            warn("dose.missing-phantom", container.path, "CTDIvol without CTDIw Phantom Type (113835)")
        }
        // CTDIvol is not required for localizers (Constant Angle Acquisition, 113805). PS3.16 TID 10013.
        let isLocalizer = container.child(named: .dcm("113820"))?.code?.value == "113805"
        if event.ctdiVol == nil && !isLocalizer {
            warn("dose.missing-ctdivol", container.path, "CT acquisition without Mean CTDIvol (113830)")
        }
        return event
    }

    // MARK: Peak skin dose (CID 10060, CID 10061)

    /// Sets each event's peak skin dose (the highest inside its container, the `events` containers in
    /// document order as the events were read) and the report's: the highest outside the events, else
    /// the highest event's.
    private mutating func readSkinDoses(
        _ root: ContentItem, events eventCode: CodedEntry?, into summary: inout DoseSummary
    ) {
        var reportLevel: [Double] = []
        var eventLevel: [Double] = []
        var eventIndex = 0
        for child in root.children {
            let doses = skinDoses(child, parent: root).compactMap { dose in dose.value.map { (dose, $0) } }
            if let eventCode, child.conceptName?.matches(eventCode) ?? false {
                if eventIndex < summary.events.count, let highest = doses.max(by: { $0.1 < $1.1 }) {
                    summary.events[eventIndex].peakSkinDose = highest.0
                    eventLevel.append(highest.1)
                }
                eventIndex += 1
            } else {
                reportLevel += doses.map(\.1)
            }
        }
        summary.totals.peakSkinDose = reportLevel.max() ?? eventLevel.max()
    }

    /// The skin doses at or below `item`: Maximum Absorbed Radiation Dose items whose finding site,
    /// given on the item or on its container, is the skin.
    private mutating func skinDoses(_ item: ContentItem, parent: ContentItem) -> [DoseQuantity] {
        var found: [DoseQuantity] = []
        if item.conceptName?.matches(Self.maximumAbsorbedDose) ?? false, Self.isSkin(item) || Self.isSkin(parent),
            let dose = quantity(item, .dose)
        {
            found.append(dose)
        }
        for child in item.children { found += skinDoses(child, parent: item) }
        return found
    }

    /// True when `item` has a Finding Site child coded as the skin.
    static func isSkin(_ item: ContentItem) -> Bool {
        item.children.contains { child in
            findingSite.contains { child.conceptName?.matches($0) ?? false }
                && skinCodes.contains(child.code?.value ?? "")
        }
    }

    // MARK: Radiopharmaceutical (TID 10021–10022)

    private mutating func readAdministration(_ container: ContentItem) -> RadiopharmaceuticalAdministration {
        var administration = RadiopharmaceuticalAdministration()
        administration.agent = first(container, [CodedEntry("349358000", "SCT"), CodedEntry("F-61FDB", "SRT")])
            .flatMap(Self.text)
        administration.radionuclide = first(container, [CodedEntry("89457008", "SCT"), CodedEntry("C-10072", "SRT")])
            .flatMap(Self.text)
        administration.administeredActivity = quantity(container, "113507", .activity)
        if administration.administeredActivity == nil {
            warn("dose.missing-total", container.path, "no Administered activity (113507)")
        }
        administration.startDateTime = container.child(named: .dcm("123003")).flatMap(Self.text)
        administration.stopDateTime = container.child(named: .dcm("123004")).flatMap(Self.text)
        administration.route = first(container, [CodedEntry("410675002", "SCT"), CodedEntry("G-C340", "SRT")])
            .flatMap(Self.text)
        administration.uid = (container.child(named: .dcm("113769")) ?? container.child(named: .dcm("113503")))
            .flatMap(Self.text)
        return administration
    }

    // MARK: Helpers

    /// The text of an item whatever its value type: TEXT, UIDREF, DATETIME as stored, a CODE's meaning.
    static func text(_ item: ContentItem) -> String? { item.textValue?.srNonEmpty }

    static func laterality(of item: ContentItem?) -> String {
        guard let item else { return "unknown" }
        if let code = item.code {
            if leftCodes.contains(code.value) { return "left" }
            if rightCodes.contains(code.value) { return "right" }
            if bothCodes.contains(code.value) { return "both" }
        }
        let meaning = (text(item) ?? "").lowercased()
        if meaning.contains("both") || meaning.contains("bilateral") { return "both" }
        if meaning.contains("left") { return "left" }
        if meaning.contains("right") { return "right" }
        return "unknown"
    }

    static func sum(_ quantities: [DoseQuantity?]) -> Double? {
        let values = quantities.compactMap { $0?.value }
        return values.isEmpty ? nil : values.reduce(0, +)
    }

    private func first(_ item: ContentItem, _ codes: [CodedEntry]) -> ContentItem? {
        item.children.first { child in codes.contains { child.conceptName?.matches($0) ?? false } }
    }

    private mutating func quantity(_ parent: ContentItem, _ code: String, _ canonical: DoseQuantity.Canonical)
        -> DoseQuantity?
    {
        let items = parent.children(named: .dcm(code))
        guard let item = items.first else { return nil }
        if items.count > 1 {
            warn("dose.repeated-item", item.path, "\(items.count) items (\(code), DCM); the first is used")
        }
        return quantity(item, canonical)
    }

    private mutating func quantity(_ item: ContentItem, _ canonical: DoseQuantity.Canonical) -> DoseQuantity? {
        let name = item.conceptName?.description ?? "item"
        guard item.valueType == .num else {
            warn(
                "dose.wrong-value-type", item.path,
                "\(name) is \(item.valueType?.rawValue ?? "of unknown type"), not NUM")
            return nil
        }
        guard let value = item.numericValue else {
            warn("dose.missing-value", item.path, "\(name) has no numeric value")
            return nil
        }
        let (quantity, problem) = DoseQuantity.convert(value, unit: item.units?.value, to: canonical)
        if let problem { warn("dose.unit", item.path, "\(name): \(problem); value not normalised") }
        return quantity
    }

    private mutating func count(_ parent: ContentItem, _ code: String) -> Int? {
        guard let item = parent.child(named: .dcm(code)) else { return nil }
        guard let value = item.numericValue, value >= 0, value < 1e12 else {
            warn("dose.missing-value", item.path, "(\(code), DCM) has no usable count")
            return nil
        }
        return Int(value.rounded())
    }

    private mutating func warn(_ code: String, _ path: String, _ message: String) {
        warnings.append(SRWarning(code: code, path: path, message: message))
    }
}

extension String {
    /// nil for an empty string.
    var srNonEmpty: String? { isEmpty ? nil : self }
}
