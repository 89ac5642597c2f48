import Foundation

/// A patient's radiation dose history across their exams (issue 16, "per-patient dose history"): each
/// exam's chosen figures with an effective dose estimate, and the cumulative totals over the configured
/// windows (``EffectiveDoseCoefficients/cumulativeWindowsDays``) and over every exam on record.
public struct PatientDoseHistory: Sendable, Codable, Equatable {
    /// One exam with a dose record.
    public struct Entry: Sendable, Codable, Equatable {
        public var examID: UUID
        public var accessionNumber: String
        public var examCode: String
        public var examName: String
        public var modality: Modality
        public var bodyRegion: BodyRegion?
        public var performedAt: Date
        public var roomID: UUID?
        public var source: DoseSource?
        public var procedure: DoseProcedure?
        public var doseAreaProductGyCm2: Double?
        public var referencePointDoseMilligray: Double?
        public var fluoroscopySeconds: Double?
        public var ctdiVolMilligray: Double?
        public var dlpMilligrayCm: Double?
        public var averageGlandularDose: [BreastGlandularDose]
        public var administeredActivityMBq: Double?
        public var peakSkinDoseMilligray: Double?
        public var effectiveDose: EffectiveDoseEstimate?
        /// Why there is no estimate, in words.
        public var noEstimateReason: String?
        /// The exam's dose alerts still open.
        public var openAlerts: Int

        public init(
            examID: UUID, accessionNumber: String, examCode: String, examName: String, modality: Modality,
            bodyRegion: BodyRegion?, performedAt: Date, roomID: UUID?, source: DoseSource?, procedure: DoseProcedure?,
            doseAreaProductGyCm2: Double?, referencePointDoseMilligray: Double?, fluoroscopySeconds: Double?,
            ctdiVolMilligray: Double?, dlpMilligrayCm: Double?, averageGlandularDose: [BreastGlandularDose],
            administeredActivityMBq: Double?, peakSkinDoseMilligray: Double?, effectiveDose: EffectiveDoseEstimate?,
            noEstimateReason: String?, openAlerts: Int
        ) {
            self.examID = examID
            self.accessionNumber = accessionNumber
            self.examCode = examCode
            self.examName = examName
            self.modality = modality
            self.bodyRegion = bodyRegion
            self.performedAt = performedAt
            self.roomID = roomID
            self.source = source
            self.procedure = procedure
            self.doseAreaProductGyCm2 = doseAreaProductGyCm2
            self.referencePointDoseMilligray = referencePointDoseMilligray
            self.fluoroscopySeconds = fluoroscopySeconds
            self.ctdiVolMilligray = ctdiVolMilligray
            self.dlpMilligrayCm = dlpMilligrayCm
            self.averageGlandularDose = averageGlandularDose
            self.administeredActivityMBq = administeredActivityMBq
            self.peakSkinDoseMilligray = peakSkinDoseMilligray
            self.effectiveDose = effectiveDose
            self.noEstimateReason = noEstimateReason
            self.openAlerts = openAlerts
        }
    }

    /// The sums over the exams performed in a window (or over every exam when `days` is nil).
    public struct Cumulative: Sendable, Codable, Equatable {
        /// nil: every exam on record.
        public var days: Int?
        /// The window's start (nil for every exam).
        public var from: Date?
        public var exams: Int
        /// Exams whose effective dose could be estimated (the sum covers only these).
        public var examsWithEstimate: Int
        public var effectiveDoseMilliSievert: Double
        public var doseAreaProductGyCm2: Double
        public var referencePointDoseMilligray: Double
        public var fluoroscopySeconds: Double
        public var dlpMilligrayCm: Double
        public var peakSkinDoseMilligray: Double

        public init(
            days: Int?, from: Date?, exams: Int, examsWithEstimate: Int, effectiveDoseMilliSievert: Double,
            doseAreaProductGyCm2: Double, referencePointDoseMilligray: Double, fluoroscopySeconds: Double,
            dlpMilligrayCm: Double, peakSkinDoseMilligray: Double
        ) {
            self.days = days
            self.from = from
            self.exams = exams
            self.examsWithEstimate = examsWithEstimate
            self.effectiveDoseMilliSievert = effectiveDoseMilliSievert
            self.doseAreaProductGyCm2 = doseAreaProductGyCm2
            self.referencePointDoseMilligray = referencePointDoseMilligray
            self.fluoroscopySeconds = fluoroscopySeconds
            self.dlpMilligrayCm = dlpMilligrayCm
            self.peakSkinDoseMilligray = peakSkinDoseMilligray
        }

        /// "Last 365 days" or "Every exam on record".
        public var label: String {
            guard let days else { return "Every exam on record" }
            if days % 365 == 0 { return days == 365 ? "Last 12 months" : "Last \(days / 365) years" }
            return "Last \(days) days"
        }
    }

    public var patientID: UUID
    /// When the history was read (the windows end here).
    public var at: Date
    /// Newest first.
    public var entries: [Entry]
    /// One per configured window, shortest first, then every exam on record.
    public var cumulative: [Cumulative]

    public init(patientID: UUID, at: Date, entries: [Entry], cumulative: [Cumulative]) {
        self.patientID = patientID
        self.at = at
        self.entries = entries
        self.cumulative = cumulative
    }

    /// The history of `patient`'s exams that have a dose record.
    /// - Parameter regions: catalogue body region by exam code.
    public static func build(
        patient: Patient, exams: [Exam], regions: [String: BodyRegion], coefficients: EffectiveDoseCoefficients,
        timeZone: TimeZone, at now: Date
    ) -> PatientDoseHistory {
        var entries: [Entry] = []
        for exam in exams {
            guard let record = exam.dose, record.source != nil else { continue }
            let region = regions[exam.examCode]
            let age = patient.age(on: CalendarDate(record.performedAt, in: timeZone))
            let estimate = EffectiveDoseEstimate.estimate(
                record, bodyRegion: region, ageYears: age, coefficients: coefficients)
            let totals = record.totals
            var entry = Entry(
                examID: exam.id, accessionNumber: exam.accessionNumber, examCode: exam.examCode,
                examName: exam.examName, modality: exam.modality, bodyRegion: region, performedAt: record.performedAt,
                roomID: record.roomID, source: record.source, procedure: record.procedure,
                doseAreaProductGyCm2: totals.doseAreaProductGyCm2,
                referencePointDoseMilligray: totals.referencePointDoseMilligray,
                fluoroscopySeconds: totals.fluoroscopySeconds, ctdiVolMilligray: totals.ctdiVolMilligray,
                dlpMilligrayCm: totals.dlpMilligrayCm, averageGlandularDose: totals.averageGlandularDose,
                administeredActivityMBq: totals.administeredActivityMBq,
                peakSkinDoseMilligray: totals.peakSkinDoseMilligray, effectiveDose: nil, noEstimateReason: nil,
                openAlerts: record.openAlerts.count)
            switch estimate {
            case .success(let value): entry.effectiveDose = value
            case .failure(let none): entry.noEstimateReason = none.reason
            }
            entries.append(entry)
        }
        entries.sort { ($0.performedAt, $0.examID.uuidString) > ($1.performedAt, $1.examID.uuidString) }
        let windows = Array(Set(coefficients.cumulativeWindowsDays.filter { $0 > 0 })).sorted()
        var cumulative = windows.map { days in
            let from = now.addingTimeInterval(-Double(days) * 86_400)
            return sum(entries.filter { $0.performedAt >= from && $0.performedAt <= now }, days: days, from: from)
        }
        cumulative.append(sum(entries, days: nil, from: nil))
        return PatientDoseHistory(patientID: patient.id, at: now, entries: entries, cumulative: cumulative)
    }

    static func sum(_ entries: [Entry], days: Int?, from: Date?) -> Cumulative {
        func total(_ path: KeyPath<Entry, Double?>) -> Double { entries.compactMap { $0[keyPath: path] }.reduce(0, +) }
        let estimated = entries.compactMap(\.effectiveDose)
        return Cumulative(
            days: days, from: from, exams: entries.count, examsWithEstimate: estimated.count,
            effectiveDoseMilliSievert: estimated.map(\.milliSievert).reduce(0, +),
            doseAreaProductGyCm2: total(\.doseAreaProductGyCm2),
            referencePointDoseMilligray: total(\.referencePointDoseMilligray),
            fluoroscopySeconds: total(\.fluoroscopySeconds), dlpMilligrayCm: total(\.dlpMilligrayCm),
            peakSkinDoseMilligray: total(\.peakSkinDoseMilligray))
    }
}
