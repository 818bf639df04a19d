//! Where a campaign's audience comes from.

use crate::text_enum;

text_enum! {
    /// Where an invitation goes out.
    pub enum ChannelKind {
        Newsletter = "newsletter",
        /// A community or forum, e.g. "design forum X".
        Community = "community",
        Social = "social",
        Partner = "partner",
        Other = "other",
    }
}

text_enum! {
    /// What a code belongs to: one of the organiser's channels (by its kind), or a
    /// participant's referral code.
    pub enum SourceKind {
        Newsletter = "newsletter",
        Community = "community",
        Social = "social",
        Partner = "partner",
        Other = "other",
        Referral = "referral",
    }
}

impl From<ChannelKind> for SourceKind {
    fn from(kind: ChannelKind) -> Self {
        match kind {
            ChannelKind::Newsletter => SourceKind::Newsletter,
            ChannelKind::Community => SourceKind::Community,
            ChannelKind::Social => SourceKind::Social,
            ChannelKind::Partner => SourceKind::Partner,
            ChannelKind::Other => SourceKind::Other,
        }
    }
}

impl SourceKind {
    /// The channel kind, for a channel's code; `None` for a referral code.
    pub fn channel(self) -> Option<ChannelKind> {
        match self {
            SourceKind::Newsletter => Some(ChannelKind::Newsletter),
            SourceKind::Community => Some(ChannelKind::Community),
            SourceKind::Social => Some(ChannelKind::Social),
            SourceKind::Partner => Some(ChannelKind::Partner),
            SourceKind::Other => Some(ChannelKind::Other),
            SourceKind::Referral => None,
        }
    }
}
