//! The platform's typed values and the pure rules over them: statuses, roles, kinds, methods
//! and the campaign phase. The lowest layer beside `db` and `error`: every other module may use
//! it, and it uses nothing of theirs. Each closed set is declared once with `text_enum!`, which
//! also maps it to its text column on both databases.

pub mod campaign;
pub mod contribution;
pub mod funding;
pub mod locale;
pub mod microtask;
pub mod moderation;
pub mod organization;
pub mod phase;
pub mod reach;
pub mod rewards;
pub mod slug;

pub use campaign::{CampaignKind, CampaignStatus, Eligibility, VotingMethod};
pub use contribution::ContributionStatus;
pub use funding::{FundingModel, FundingOutcome, PaymentKind, PaymentOutcome, PaymentProvider, PledgeStatus};
pub use locale::Locale;
pub use microtask::{ClaimStatus, RetirementReason, RetirementRule, TaskStrategy};
pub use moderation::{Decision, ReportAction, ReportCategory, ReportTarget};
pub use organization::Role;
pub use phase::{Phase, Schedule, phase_at};
pub use reach::{ChannelKind, SourceKind};
pub use rewards::{AwardStatus, PointsSource, SplitReason};
