//! Notifications for people: who hears about an event (resolved set-based in SQL by
//! [`fanout`]), the in-app inbox, preferences per category and channel, and mail (sent at once,
//! or gathered into daily and weekly digests, by [`mail`]).

pub mod dto;
pub mod fanout;
mod handlers;
pub mod mail;
mod repo;
pub mod service;
mod texts;
pub mod unsubscribe;

pub use repo::prune_read;

use crate::text_enum;

text_enum! {
    /// A group of notifications a person can switch on and off, per channel.
    pub enum Category {
        /// What happens to my contributions: published, rejected, hidden.
        MyContributions = "my_contributions",
        /// Someone named me as a co-author.
        CoAuthorship = "co_authorship",
        /// Comments on my contributions and replies to my comments.
        Comments = "comments",
        /// Entries waiting for moderation and reports (organisers).
        Moderation = "moderation",
        /// Campaigns I took part in: voting opens, winners announced.
        CampaignNews = "campaign_news",
        /// Awards I have a part in.
        Awards = "awards",
        /// My organization's account: an endpoint disabled.
        Account = "account",
        /// My pledges: a payment that failed, a pledge dropped, a campaign funded or failed.
        Pledges = "pledges",
        /// My tasks: an answer rejected (with the reason), a pause in a campaign.
        Tasks = "tasks",
    }
}

text_enum! {
    /// How often mail goes out for a category.
    pub enum EmailFrequency {
        Off = "off",
        /// Within a minute (bursts become one mail).
        Immediate = "immediate",
        /// One digest a day.
        Daily = "daily",
        /// One digest a week (Mondays).
        Weekly = "weekly",
    }
}

text_enum! {
    /// What a notification says.
    pub enum Kind {
        ContributionPublished = "contribution_published",
        ContributionRejected = "contribution_rejected",
        ContributionHidden = "contribution_hidden",
        CoAuthorInvited = "co_author_invited",
        CommentReceived = "comment_received",
        EntriesWaiting = "entries_waiting",
        ReportReceived = "report_received",
        VotingOpened = "voting_opened",
        WinnersAnnounced = "winners_announced",
        AwardReceived = "award_received",
        AwardStatusChanged = "award_status_changed",
        WebhookDisabled = "webhook_disabled",
        PaymentFailed = "payment_failed",
        PledgeDropped = "pledge_dropped",
        FundingDecided = "funding_decided",
        AnswerRejected = "answer_rejected",
        WorkerPaused = "worker_paused",
    }
}

impl Kind {
    pub fn category(self) -> Category {
        match self {
            Kind::ContributionPublished | Kind::ContributionRejected | Kind::ContributionHidden => {
                Category::MyContributions
            }
            Kind::CoAuthorInvited => Category::CoAuthorship,
            Kind::CommentReceived => Category::Comments,
            Kind::EntriesWaiting | Kind::ReportReceived => Category::Moderation,
            Kind::VotingOpened | Kind::WinnersAnnounced => Category::CampaignNews,
            Kind::AwardReceived | Kind::AwardStatusChanged => Category::Awards,
            Kind::WebhookDisabled => Category::Account,
            Kind::PaymentFailed | Kind::PledgeDropped | Kind::FundingDecided => Category::Pledges,
            Kind::AnswerRejected | Kind::WorkerPaused => Category::Tasks,
        }
    }
}

impl Category {
    /// What a category does without a choice of the user's: in the inbox, and mail at once for
    /// what needs action, in digests for news.
    pub fn defaults(self) -> (bool, EmailFrequency) {
        match self {
            Category::MyContributions | Category::CoAuthorship | Category::Moderation => {
                (true, EmailFrequency::Immediate)
            }
            Category::Awards | Category::Account | Category::Pledges => (true, EmailFrequency::Immediate),
            // A worker answers many tasks: rejections arrive together, once a day.
            Category::Tasks => (true, EmailFrequency::Daily),
            Category::Comments | Category::CampaignNews => (true, EmailFrequency::Daily),
        }
    }
}

pub fn configure(cfg: &mut impl crate::http::Register) {
    cfg.service(handlers::list_notifications)
        .service(handlers::get_unread_counts)
        .service(handlers::mark_notifications_read)
        .service(handlers::get_notification_settings)
        .service(handlers::update_notification_settings)
        .service(handlers::unsubscribe);
}
