import Foundation

/// Contrast screening before a contrast exam: the questions, renal function, metformin, and the
/// agent given.
public struct ContrastScreening: Sendable, Codable, Equatable {
    public var previousReaction: Bool
    /// The practitioner who reviewed a previous reaction and agreed to go ahead.
    public var previousReactionReviewedBy: UUID?
    public var allergiesOrAsthma: Bool
    public var diabetes: Bool
    public var renalDisease: Bool
    /// An eGFR below the configured threshold is already known from the record.
    public var knownLowEGFR: Bool
    public var latestEGFR: EGFRResult?
    public var onMetformin: Bool
    /// Metformin withheld from the time of contrast (needed when eGFR is below the metformin threshold).
    public var metforminStopped: Bool
    public var agent: String?
    public var batch: String?
    public var volumeMillilitres: Double?
    /// Route for this exam; the catalogue's route when not given.
    public var route: ContrastRoute?
    /// Staff member who screened; the person recording when not given.
    public var screenedBy: UUID?
    /// The stock batch the contrast was taken from (issue 17): the batch number is then the batch's, the stock level
    /// goes down by one unit, and the exam and the stock record point at each other.
    public var stockBatchID: UUID?

    public init(
        previousReaction: Bool, previousReactionReviewedBy: UUID? = nil, allergiesOrAsthma: Bool, diabetes: Bool,
        renalDisease: Bool, knownLowEGFR: Bool, latestEGFR: EGFRResult? = nil, onMetformin: Bool,
        metforminStopped: Bool = false, agent: String?, batch: String?, volumeMillilitres: Double?,
        route: ContrastRoute? = nil, screenedBy: UUID? = nil, stockBatchID: UUID? = nil
    ) {
        self.stockBatchID = stockBatchID
        self.previousReaction = previousReaction
        self.previousReactionReviewedBy = previousReactionReviewedBy
        self.allergiesOrAsthma = allergiesOrAsthma
        self.diabetes = diabetes
        self.renalDisease = renalDisease
        self.knownLowEGFR = knownLowEGFR
        self.latestEGFR = latestEGFR
        self.onMetformin = onMetformin
        self.metforminStopped = metforminStopped
        self.agent = agent
        self.batch = batch
        self.volumeMillilitres = volumeMillilitres
        self.route = route
        self.screenedBy = screenedBy
    }
}
