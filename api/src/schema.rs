//! The database schema as diesel sees it (kept in step with `migrations/`; portable types only).

diesel::table! {
    users (id) {
        id -> Text,
        email -> Text,
        password_hash -> Text,
        display_name -> Text,
        locale -> Text,
        research_consent -> Bool,
        country -> Nullable<Text>,
        birth_year -> Nullable<Integer>,
        interests -> Nullable<Text>,
        signup_via -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        email_verified_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    account_links (id) {
        id -> Text,
        user_id -> Text,
        purpose -> Text,
        email -> Text,
        token_hash -> Text,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    sessions (id) {
        id -> Text,
        user_id -> Text,
        user_agent -> Nullable<Text>,
        created_at -> Timestamp,
        last_used_at -> Timestamp,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    refresh_tokens (id) {
        id -> Text,
        family_id -> Text,
        user_id -> Text,
        token_hash -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
        replaced_by -> Nullable<Text>,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    personal_access_tokens (id) {
        id -> Text,
        user_id -> Text,
        name -> Text,
        token_hash -> Text,
        token_prefix -> Text,
        scopes -> Text,
        created_at -> Timestamp,
        expires_at -> Nullable<Timestamp>,
        last_used_at -> Nullable<Timestamp>,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    organizations (id) {
        id -> Text,
        slug -> Text,
        name -> Text,
        description -> Text,
        website -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    organization_members (organization_id, user_id) {
        organization_id -> Text,
        user_id -> Text,
        role -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::joinable!(refresh_tokens -> users (user_id));
diesel::joinable!(personal_access_tokens -> users (user_id));
diesel::joinable!(organization_members -> users (user_id));
diesel::joinable!(organization_members -> organizations (organization_id));

diesel::table! {
    campaigns (id) {
        id -> Text,
        organization_id -> Text,
        slug -> Text,
        kind -> Text,
        title -> Text,
        summary -> Text,
        brief -> Text,
        status -> Text,
        submissions_open_at -> Nullable<Timestamp>,
        submissions_close_at -> Nullable<Timestamp>,
        voting_open_at -> Nullable<Timestamp>,
        voting_close_at -> Nullable<Timestamp>,
        max_contributions_per_member -> Integer,
        voting_method -> Text,
        vote_budget -> Nullable<Integer>,
        vote_during_submission -> Bool,
        allow_self_vote -> Bool,
        hide_tallies -> Bool,
        jury_weight_percent -> Integer,
        eligibility -> Text,
        require_approval -> Bool,
        points_per_contribution -> Integer,
        points_per_vote -> Integer,
        points_per_referral -> Integer,
        published_at -> Nullable<Timestamp>,
        closed_at -> Nullable<Timestamp>,
        cancelled_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        cover_media_id -> Nullable<Text>,
        remix_credit_percent -> Integer,
        guaranteed_prize -> Bool,
        participation_target_percent -> Nullable<Double>,
        contribution_target -> Nullable<Integer>,
        announced_phase -> Nullable<Text>,
    }
}

diesel::table! {
    campaign_prize_tiers (campaign_id, position) {
        campaign_id -> Text,
        position -> Integer,
        rank_from -> Integer,
        rank_to -> Integer,
        title -> Text,
        amount_minor -> BigInt,
        currency -> Text,
        points -> Integer,
    }
}

diesel::joinable!(campaigns -> organizations (organization_id));
diesel::joinable!(campaign_prize_tiers -> campaigns (campaign_id));

diesel::table! {
    contributions (id) {
        id -> Text,
        campaign_id -> Text,
        submitter_id -> Text,
        title -> Text,
        body -> Text,
        tags -> Text,
        parent_id -> Nullable<Text>,
        status -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        published_at -> Nullable<Timestamp>,
        moderation_reason -> Nullable<Text>,
    }
}

diesel::table! {
    contribution_authors (contribution_id, user_id) {
        contribution_id -> Text,
        user_id -> Text,
        share_bp -> Integer,
        accepted_at -> Nullable<Timestamp>,
    }
}

diesel::joinable!(contributions -> campaigns (campaign_id));
diesel::joinable!(contribution_authors -> contributions (contribution_id));
diesel::joinable!(contribution_authors -> users (user_id));

diesel::table! {
    reports (id) {
        id -> Text,
        target_type -> Text,
        target_id -> Text,
        campaign_id -> Text,
        reporter_id -> Text,
        reason -> Text,
        created_at -> Timestamp,
        category -> Text,
        resolution -> Nullable<Text>,
        resolution_reason -> Nullable<Text>,
        resolved_by -> Nullable<Text>,
        resolved_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    moderation_actions (id) {
        id -> Text,
        campaign_id -> Text,
        contribution_id -> Text,
        actor_id -> Text,
        decision -> Text,
        reason -> Nullable<Text>,
        from_status -> Text,
        to_status -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    media (id) {
        id -> Text,
        owner_id -> Text,
        content_type -> Text,
        size_bytes -> BigInt,
        width -> Integer,
        height -> Integer,
        sha256 -> Text,
        created_at -> Timestamp,
        variant_widths -> Nullable<Text>,
    }
}

diesel::table! {
    contribution_revisions (id) {
        id -> Text,
        contribution_id -> Text,
        title -> Text,
        body -> Text,
        tags -> Text,
        media_ids -> Text,
        editor_id -> Text,
        replaced_at -> Timestamp,
    }
}

diesel::table! {
    contribution_media (contribution_id, media_id) {
        contribution_id -> Text,
        media_id -> Text,
        position -> Integer,
    }
}

diesel::table! {
    comments (id) {
        id -> Text,
        contribution_id -> Text,
        campaign_id -> Text,
        author_id -> Text,
        thread_id -> Text,
        parent_id -> Nullable<Text>,
        body -> Nullable<Text>,
        created_at -> Timestamp,
        deleted_at -> Nullable<Timestamp>,
        deleted_by -> Nullable<Text>,
    }
}

diesel::table! {
    votes (id) {
        id -> Text,
        campaign_id -> Text,
        contribution_id -> Text,
        voter_id -> Text,
        jury -> Bool,
        value -> Integer,
        network_hash -> Nullable<Text>,
        device_hash -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        invalidation_id -> Nullable<Text>,
        segments -> Nullable<Text>,
    }
}

diesel::table! {
    vote_deltas (id) {
        id -> Text,
        contribution_id -> Text,
        jury -> Bool,
        d_count -> Integer,
        d_sum -> Integer,
        d_positive -> Integer,
        d_negative -> Integer,
    }
}

diesel::table! {
    contribution_scores (contribution_id) {
        contribution_id -> Text,
        campaign_id -> Text,
        public_count -> BigInt,
        public_sum -> BigInt,
        public_positive -> BigInt,
        public_negative -> BigInt,
        jury_count -> BigInt,
        jury_sum -> BigInt,
        jury_positive -> BigInt,
        jury_negative -> BigInt,
        public_score -> Double,
        jury_score -> Double,
        combined_score -> Double,
        hot_score -> Double,
    }
}

diesel::table! {
    vote_invalidations (id) {
        id -> Text,
        campaign_id -> Text,
        actor_id -> Text,
        reason -> Text,
        vote_count -> Integer,
        created_at -> Timestamp,
    }
}

diesel::table! {
    points_ledger (id) {
        id -> Text,
        user_id -> Text,
        campaign_id -> Nullable<Text>,
        source_type -> Text,
        source_id -> Text,
        points -> Integer,
        created_at -> Timestamp,
    }
}

diesel::table! {
    awards (id) {
        id -> Text,
        campaign_id -> Text,
        contribution_id -> Text,
        rank -> Integer,
        title -> Text,
        amount_minor -> BigInt,
        currency -> Text,
        points -> Integer,
        status -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    award_splits (award_id, user_id, reason) {
        award_id -> Text,
        user_id -> Text,
        reason -> Text,
        amount_minor -> BigInt,
        points -> Integer,
    }
}

diesel::table! {
    award_events (id) {
        id -> Text,
        award_id -> Text,
        actor_id -> Text,
        from_status -> Text,
        to_status -> Text,
        note -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    reach_sources (id) {
        id -> Text,
        campaign_id -> Text,
        code -> Text,
        kind -> Text,
        name -> Nullable<Text>,
        referrer_id -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    campaign_visitors (campaign_id, visitor_id) {
        campaign_id -> Text,
        visitor_id -> Text,
        source_id -> Nullable<Text>,
        user_id -> Nullable<Text>,
        first_seen_at -> Timestamp,
    }
}

diesel::table! {
    campaign_visits (campaign_id, day, visitor_id) {
        campaign_id -> Text,
        day -> Text,
        visitor_id -> Text,
    }
}

diesel::table! {
    campaign_participants (campaign_id, user_id) {
        campaign_id -> Text,
        user_id -> Text,
        source_id -> Nullable<Text>,
        first_touch_at -> Nullable<Timestamp>,
        joined_at -> Timestamp,
        signed_up -> Bool,
        first_vote_at -> Nullable<Timestamp>,
        first_contribution_at -> Nullable<Timestamp>,
        first_pledge_at -> Nullable<Timestamp>,
        first_task_at -> Nullable<Timestamp>,
        voter_segments -> Nullable<Text>,
    }
}

diesel::table! {
    insight_counters (campaign_id, scope, bucket, metric) {
        campaign_id -> Text,
        scope -> Text,
        bucket -> Text,
        metric -> Text,
        value -> BigInt,
    }
}

diesel::table! {
    insight_deltas (id) {
        id -> Text,
        campaign_id -> Text,
        scope -> Text,
        bucket -> Text,
        metric -> Text,
        amount -> BigInt,
    }
}

diesel::table! {
    events (id) {
        id -> Text,
        #[sql_name = "type"]
        event_type -> Text,
        organization_id -> Nullable<Text>,
        campaign_id -> Nullable<Text>,
        actor_id -> Nullable<Text>,
        subject_id -> Text,
        data -> Text,
        occurred_at -> Timestamp,
        dispatched_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    jobs (id) {
        id -> Text,
        kind -> Text,
        payload -> Text,
        unique_key -> Nullable<Text>,
        status -> Text,
        run_at -> Timestamp,
        attempts -> Integer,
        max_attempts -> Integer,
        lease_token -> Nullable<Text>,
        lease_until -> Nullable<Timestamp>,
        last_error -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    notifications (id) {
        id -> Text,
        recipient_id -> Text,
        kind -> Text,
        category -> Text,
        event_id -> Text,
        campaign_id -> Nullable<Text>,
        subject_id -> Text,
        actor_id -> Nullable<Text>,
        count -> Integer,
        data -> Text,
        email -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        read_at -> Nullable<Timestamp>,
        emailed_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    notification_preferences (user_id, category) {
        user_id -> Text,
        category -> Text,
        in_app -> Bool,
        email -> Text,
    }
}

diesel::table! {
    emails (id) {
        id -> Text,
        recipient_id -> Nullable<Text>,
        to_address -> Text,
        subject -> Text,
        body -> Text,
        unsubscribe_url -> Nullable<Text>,
        created_at -> Timestamp,
        sent_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    webhooks (id) {
        id -> Text,
        organization_id -> Text,
        url -> Text,
        description -> Text,
        event_types -> Text,
        campaign_id -> Nullable<Text>,
        secret -> Text,
        previous_secret -> Nullable<Text>,
        previous_secret_until -> Nullable<Timestamp>,
        enabled -> Bool,
        disabled_reason -> Nullable<Text>,
        failing_since -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    webhook_deliveries (id) {
        id -> Text,
        webhook_id -> Text,
        event_id -> Nullable<Text>,
        event_type -> Text,
        payload -> Text,
        status -> Text,
        attempts -> Integer,
        next_attempt_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    webhook_attempts (id) {
        id -> Text,
        delivery_id -> Text,
        attempt -> Integer,
        attempted_at -> Timestamp,
        status_code -> Nullable<Integer>,
        duration_ms -> Integer,
        response_snippet -> Nullable<Text>,
        error -> Nullable<Text>,
    }
}

diesel::table! {
    idempotency_keys (scope, key) {
        scope -> Text,
        key -> Text,
        request_hash -> Text,
        status -> Nullable<Integer>,
        headers -> Nullable<Text>,
        body -> Nullable<Binary>,
        locked_until -> Nullable<Timestamp>,
        lock_token -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::joinable!(award_splits -> awards (award_id));
diesel::joinable!(contribution_media -> media (media_id));
diesel::joinable!(contribution_media -> contributions (contribution_id));
diesel::joinable!(contribution_scores -> contributions (contribution_id));
diesel::joinable!(webhook_attempts -> webhook_deliveries (delivery_id));
diesel::joinable!(webhook_deliveries -> webhooks (webhook_id));

diesel::table! {
    campaign_funding (campaign_id) {
        campaign_id -> Text,
        goal_minor -> BigInt,
        currency -> Text,
        model -> Text,
        backer_goal -> Nullable<Integer>,
        provider -> Text,
        grace_days -> Integer,
        stretch_goals -> Text,
        frozen_at -> Nullable<Timestamp>,
        collection_started_at -> Nullable<Timestamp>,
        outcome -> Nullable<Text>,
        decided_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    funding_tiers (id) {
        id -> Text,
        campaign_id -> Text,
        title -> Text,
        description -> Text,
        min_amount_minor -> BigInt,
        quantity_limit -> Nullable<Integer>,
        taken -> Integer,
        available_from -> Nullable<Timestamp>,
        available_until -> Nullable<Timestamp>,
        estimated_delivery -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    pledges (id) {
        id -> Text,
        campaign_id -> Text,
        backer_id -> Text,
        tier_id -> Nullable<Text>,
        amount_minor -> BigInt,
        currency -> Text,
        status -> Text,
        provider -> Text,
        payment_method -> Text,
        source_id -> Nullable<Text>,
        grace_until -> Nullable<Timestamp>,
        reminders -> Integer,
        reminded_at -> Nullable<Timestamp>,
        failure -> Nullable<Text>,
        collected_at -> Nullable<Timestamp>,
        ended_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    payments (id) {
        id -> Text,
        pledge_id -> Text,
        kind -> Text,
        idempotency_key -> Text,
        amount_minor -> BigInt,
        currency -> Text,
        provider -> Text,
        outcome -> Text,
        failure -> Nullable<Text>,
        reference -> Nullable<Text>,
        recorded_by -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    task_settings (campaign_id) {
        campaign_id -> Text,
        answer_form -> Text,
        strategy -> Text,
        lease_seconds -> Integer,
        review_delay_hours -> Integer,
        retirement -> Text,
        consensus_k -> Nullable<Integer>,
        gold_rate_percent -> Integer,
        min_accuracy_percent -> Nullable<Integer>,
        gold_min_answers -> Integer,
        rejection_guard_percent -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    tasks (id) {
        id -> Text,
        campaign_id -> Text,
        payload -> Text,
        instructions -> Text,
        redundancy -> Integer,
        reward_points -> Integer,
        priority -> Integer,
        gold_answer -> Nullable<Text>,
        taken -> Integer,
        answers -> Integer,
        retired_at -> Nullable<Timestamp>,
        retired_reason -> Nullable<Text>,
        result_answer -> Nullable<Text>,
        agreement_bp -> Nullable<Integer>,
        agreeing -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    task_claims (id) {
        id -> Text,
        task_id -> Text,
        campaign_id -> Text,
        worker_id -> Text,
        status -> Text,
        gold -> Bool,
        lease_expires_at -> Timestamp,
        answer -> Nullable<Text>,
        submitted_at -> Nullable<Timestamp>,
        auto_approve_at -> Nullable<Timestamp>,
        gold_correct -> Nullable<Bool>,
        reviewed_at -> Nullable<Timestamp>,
        reviewed_by -> Nullable<Text>,
        review_reason -> Nullable<Text>,
        overturned_at -> Nullable<Timestamp>,
        points -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    task_workers (campaign_id, worker_id) {
        campaign_id -> Text,
        worker_id -> Text,
        gold_answered -> Integer,
        gold_correct -> Integer,
        paused_at -> Nullable<Timestamp>,
        paused_reason -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::joinable!(task_claims -> tasks (task_id));

diesel::table! {
    invitations (id) {
        id -> Text,
        organization_id -> Text,
        campaign_id -> Nullable<Text>,
        email -> Nullable<Text>,
        token_hash -> Text,
        max_uses -> Nullable<Integer>,
        uses -> Integer,
        expires_at -> Nullable<Timestamp>,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    participation_grants (id) {
        id -> Text,
        organization_id -> Text,
        campaign_id -> Nullable<Text>,
        user_id -> Text,
        invitation_id -> Nullable<Text>,
        granted_at -> Timestamp,
    }
}

diesel::table! {
    segment_publications (campaign_id) {
        campaign_id -> Text,
        published_at -> Timestamp,
        figures -> Text,
    }
}

diesel::allow_tables_to_appear_in_same_query!(
    task_settings,
    tasks,
    task_claims,
    task_workers,
    users,
    sessions,
    refresh_tokens,
    personal_access_tokens,
    organizations,
    organization_members,
    campaigns,
    campaign_prize_tiers,
    contributions,
    contribution_authors,
    contribution_revisions,
    reports,
    account_links,
    moderation_actions,
    media,
    contribution_media,
    comments,
    votes,
    vote_deltas,
    contribution_scores,
    vote_invalidations,
    points_ledger,
    awards,
    award_splits,
    award_events,
    reach_sources,
    campaign_visitors,
    campaign_visits,
    campaign_participants,
    insight_counters,
    insight_deltas,
    events,
    jobs,
    notifications,
    notification_preferences,
    emails,
    webhooks,
    webhook_deliveries,
    webhook_attempts,
    idempotency_keys,
    campaign_funding,
    funding_tiers,
    pledges,
    payments,
    invitations,
    participation_grants,
    segment_publications,
);
