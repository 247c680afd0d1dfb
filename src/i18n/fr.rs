use super::pages::{
    Activity, ApiKeys, AzureStack, Cart, Customers, Defender, Invoices, Orders, Overview, Pricing,
    Relationships, SignIn, Subscriptions, Upgrade, Usage, Users,
};
use super::{Locale, Messages};

pub static MESSAGES: Messages = Messages {
    locale: Locale::Fr,
    app_name: "Portail de facturation",
    skip_to_content: "Aller au contenu principal",
    main_navigation: "Principale",
    nav_overview: "Vue d’ensemble",
    nav_customers: "Clients",
    nav_account: "Compte",
    nav_users: "Utilisateurs",
    nav_activity: "Activité",
    nav_azure_stack: "Azure Stack Hub",
    close: "Fermer",
    copy_link: "Copier le lien",
    copied: "Copié.",
    link_emailed: |email| format!("Il a aussi été envoyé par e-mail à {email}."),
    link_not_emailed: "Il n’a pas été envoyé par e-mail : copiez-le et envoyez-le vous-même.",
    language: "Langue",
    customer_in_view: "Client affiché",
    choose_customer: "Choisissez un client…",
    sign_out: "Se déconnecter",
    signed_in_as: |name, role| format!("{name}, {role}"),
    loading: "Chargement…",
    try_again: "Réessayer",
    page_not_loaded: "Cette page n’a pas pu être chargée. Vérifiez votre connexion, puis réessayez.",

    role_global_admin: "Administrateur général",
    role_admin_agent: "Agent d’administration",
    role_sales_agent: "Agent commercial",
    role_billing_admin: "Administrateur de facturation",
    role_customer_admin: "Administrateur client",
    role_customer_reader: "Lecteur client",
    session_ended: "Votre session a pris fin. Reconnectez-vous pour reprendre là où vous étiez.",

    field_required: "Ce champ est obligatoire.",
    field_not_an_email: "Saisissez une adresse e-mail, par exemple nom@exemple.fr.",
    field_not_a_domain: "Saisissez un nom de domaine comme contoso.fr.",
    field_not_a_vat_number: "Saisissez un numéro de TVA de l’UE commençant par le code du pays, comme FR40123456789, ou laissez vide hors de l’UE.",
    field_not_a_language: "Saisissez une langue comme fr, ou une culture comme fr-FR.",
    field_too_long: |max| format!("Utilisez au plus {max} caractères."),
    field_too_short: |min| format!("Utilisez au moins {min} caractères."),
    field_not_a_role: "Choisissez au moins un des rôles proposés.",

    error_network: "Le serveur est injoignable. Vérifiez votre connexion, puis réessayez.",
    error_invalid_credentials: "L’adresse e-mail ou le mot de passe est incorrect.",
    error_too_many_sign_ins: |minutes| {
        format!(
            "Trop de connexions échouées pour ce compte. Réessayez dans {minutes} min, ou demandez à un administrateur de réinitialiser le mot de passe."
        )
    },
    error_forbidden: "Votre rôle ne le permet pas. Demandez l’accès à un administrateur général.",
    error_not_found: "Cet élément n’existe pas, ou vous n’y avez pas accès.",
    error_invalid_input: "Certaines informations ne sont pas valides. Corrigez-les et réessayez.",
    error_rate_limited: |seconds| {
        format!("Trop de requêtes. Patientez {seconds} s, puis réessayez.")
    },
    error_changed_meanwhile: "Quelqu’un a modifié cet élément depuis que vous l’avez ouvert. Rechargez pour voir la dernière version, puis refaites votre modification.",
    error_server: |reference| {
        format!(
            "Une erreur s’est produite de notre côté. Réessayez ; si elle persiste, contactez le support en citant la référence {reference}."
        )
    },
    error_unreadable: "Le serveur a envoyé une réponse que cette page ne sait pas lire. Rechargez la page.",
    error_config: "Le portail n’a pas pu charger sa configuration (config.json). Rechargez la page ; si le problème persiste, contactez votre administrateur.",
    company: "Entreprise",
    domain: "Domaine",
    country: "Pays",
    billing_currency: "Devise de facturation",
    actions: "Actions",

    nav_pricing: "Tarifs",
    nav_cart: "Panier",
    nav_orders: "Commandes",
    cart_link: |name, n| if n == 0 { name.to_owned() } else { format!("{name} ({n})") },
    choose_customer_first: "Choisissez d’abord un client dans la liste « Client affiché ».",
    family_azure: "Azure",
    family_azure_stack: "Azure Stack Hub",
    family_online_services: "Microsoft 365 et services en ligne",
    term_p1m: "1 mois",
    term_p1y: "1 an",
    term_p3y: "3 ans",
    billed_monthly: "facturé chaque mois",
    billed_annually: "facturé chaque année",
    free_trial: "essai gratuit",
    offer_option: |term, billing| format!("{term}, {billing}"),
    per_user_month: "par utilisateur et par mois",
    per_user_year: "par utilisateur et par an",
    per_block_month: "par tranche de 1 000 appareils et par mois",
    per_block_year: "par tranche de 1 000 appareils et par an",
    per_core_month: "par cœur et par mois",
    per_core_year: "par cœur et par an",
    per_trial: "pour l’essai de 30 jours",
    quantity_users: "Nombre d’utilisateurs",
    quantity_device_blocks: "Tranches de 1 000 appareils",
    quantity_cores: "Cœurs physiques",
    problem_unknown_item: "Cet article n’est pas en vente pour ce client.",
    problem_quantity_min: |min| format!("Saisissez au moins {min}."),
    problem_quantity_max: |max| format!("Saisissez au plus {max}."),
    problem_not_a_number: "Saisissez un nombre entier.",
    problem_billing_cycle: "Cette offre n’est pas facturée ainsi ; choisissez une autre option.",
    problem_term: "Choisissez l’un des engagements proposés pour cette offre.",
    browse_pricing: "Voir les tarifs",
    col_item: "Article",
    col_quantity: "Quantité",
    col_unit_price: "Prix unitaire",
    save: "Enregistrer",
    menu: "Menu",
    saving: "Enregistrement…",
    order_group_failed: |n, reason| format!("La commande {n} n’a pas été passée : {reason}"),
    order_error_lines: "certaines de ses lignes ne sont pas valides.",
    order_error_azure_plan: "le client a déjà un plan Azure ; ajoutez-y plutôt des abonnements Azure.",
    col_billing: "Facturation",
    col_status: "État",
    col_subscription: "Abonnement",
    col_commitment: "Engagement",
    order_status_pending: "En cours de mise en service",
    order_status_completed: "Terminée",
    order_status_cancelled: "Annulée",
    order_status_failed: "Échec",
    failure_no_active_reseller: "La relation avec le revendeur du client a pris fin avant la mise en service de la commande. Rien n’a été facturé : ses abonnements ont été arrêtés et leur montant remboursé. Une fois la relation d’un partenaire de nouveau acceptée, commandez à nouveau.",
    subscription_status_pending: "En attente",
    subscription_status_active: "Actif",
    subscription_status_suspended: "Suspendu",
    subscription_status_deleted: "Résilié",
    order_heading: |id| format!("Commande {id}"),
    all_orders: "Toutes les commandes",
    no_commitment: "Sans engagement",
    billing_monthly: "Mensuelle",
    billing_annual: "Annuelle",
    billing_none: "Aucune (essai)",
    problem_legacy_azure: "Ce client a encore un abonnement Microsoft Azure (MS-AZR-0145P) : passez-le à un plan Azure par une mise à niveau au lieu d’en acheter un.",
    order_error_legacy_azure: "le client a encore un abonnement Microsoft Azure (MS-AZR-0145P) à faire passer à un plan Azure.",
    error_cart_already_ordered: "Ce panier a déjà été commandé (peut-être depuis un autre onglet ou navigateur). Ses commandes sont sur la page Commandes.",
    error_cart_being_ordered: "Ce panier est en cours de commande par une autre requête. Patientez un instant, puis consultez la page Commandes.",
    nav_subscriptions: "Abonnements",
    col_name: "Nom",
    suspend_plan_blocked: |names| {
        format!(
            "Ce plan Azure a encore des abonnements Azure actifs : {names}. Résiliez-les d’abord, puis suspendez le plan."
        )
    },
    col_who: "Par",
    event_created: |quantity| format!("Acheté, quantité {quantity}"),
    event_renamed: |old, new| format!("Renommé de « {old} » en « {new} »"),
    event_quantity: |old, new| format!("Quantité modifiée de {old} à {new}"),
    event_auto_renew_on: "Renouvellement automatique activé",
    event_auto_renew_off: "Renouvellement automatique désactivé",
    event_suspended: "Suspendu",
    event_reactivated: "Réactivé",
    event_cancelled: "Résilié",
    event_azure_added: |name| format!("Abonnement Azure « {name} » ajouté"),
    event_azure_cancelled: |name| format!("Abonnement Azure « {name} » résilié"),
    event_upgraded: "Mis à niveau vers un plan Azure",
    event_other: "Modifié",
    refusal_decrease_window: "La quantité ne peut être réduite que dans les 7 jours suivant l’achat. Désactivez le renouvellement automatique pour arrêter à la fin de l’engagement.",
    refusal_quantity_range: |min, max| format!("Saisissez une quantité de {min} à {max}."),
    refusal_suspended: "Cet abonnement est suspendu : réactivez-le avant de le modifier.",
    refusal_deleted: "Cet abonnement est résilié : il ne peut plus être modifié.",
    refusal_provisioning: "Cet abonnement est encore en cours de mise en place. Réessayez dans une minute.",
    refusal_usage_quantity: "La quantité d’un abonnement à l’usage ne peut pas être modifiée.",
    refusal_other: "Ce changement n’est pas possible pour l’instant. L’abonnement a été rechargé pour montrer ce qu’il permet.",
    rate_limit_waiting: |seconds| {
        format!(
            "Trop de requêtes pour ce client en ce moment. Le portail réessaie dans {seconds} s."
        )
    },
    cancel: "Annuler",
    col_actions: "Actions",
    defender_active: "Actif",
    defender_expired: "Essai terminé",
    defender_offboarded: "Retiré",
    sensors_block_offboarding: |names| {
        format!("Supprimez ces capteurs avant le retrait : {names}.")
    },
    sensor_name_invalid: "Utilisez seulement des lettres, des chiffres, « - », « _ » et « . », en commençant par une lettre ou un chiffre.",
    delete: "Supprimer",
    conflict_plan_exists: "Cet abonnement Azure est déjà intégré.",
    conflict_trial_used: "Cet abonnement Azure a déjà bénéficié de son essai gratuit : choisissez un engagement mensuel ou annuel.",
    conflict_azure_not_active: "Cet abonnement Azure n’est pas actif : choisissez-en un autre, ou réactivez son plan Azure.",
    conflict_sensor_exists: "Un capteur de ce nom est déjà associé : choisissez un autre nom.",
    conflict_invitation_closed: "Cette invitation ne peut plus servir. Rechargez la page pour savoir pourquoi.",
    conflict_account_exists: "Un compte avec cette adresse e-mail existe déjà. Connectez-vous avec, puis ouvrez le lien de demande de votre partenaire pour accepter.",
    conflict_relationship_changed: "La situation a changé entre-temps. Rechargez la page pour voir où en sont les choses.",
    conflict_registration_exists: "Ce déploiement, ou ce jeton d’inscription, est déjà inscrit : modifiez cette inscription, ou supprimez-la d’abord.",
    conflict_capacity_not_covered: "La capacité Azure Stack Hub active du client ne couvre pas les cœurs du déploiement : achetez davantage de cœurs de capacité, ou choisissez un autre modèle de facturation.",
    nav_usage: "Consommation",
    nav_api_keys: "Clés d’API",
    usage_alerts_unseen: |n| {
        if n == 1 {
            "1 nouvelle alerte de budget".to_owned()
        } else {
            format!("{n} nouvelles alertes de budget")
        }
    },
    table_filter: "Filtrer les lignes",
    table_export_csv: "Exporter en CSV",
    table_exporting: "Export en cours…",
    table_no_match: "Aucune ligne ne correspond au filtre.",
    col_date: "Date",
    col_total: "Total",
    col_meter: "Compteur",
    col_resource: "Ressource",
    col_customer: "Client",
    nav_invoices: "Factures",
    not_found_title: "Page introuvable",
    not_found_body: "Il n’y a rien à cette adresse. Vérifiez le lien, ou revenez à la vue d’ensemble.",
    back_to_overview: "Retour à la vue d’ensemble",
};

pub static INVOICES: Invoices = Invoices {
    title: "Factures",
    unbilled_link: "Estimation du mois en cours",
    close_failed_title: "Factures qui n’ont pas pu être émises",
    close_failed_intro: "Tous les autres clients ont été facturés. Ces clients sont réessayés toutes les quelques minutes ; si l’échec persiste, transmettez la raison ci-dessous au support.",
    close_failed_item: |period, attempts| match attempts {
        1 => format!(" : {period}, un échec"),
        n => format!(" : {period}, {n} échecs"),
    },
    summaries: "Soldes",
    balance_in: |currency| format!("Solde en {currency}"),
    outstanding_count: |n| match n {
        0 => "Rien à régler".to_owned(),
        1 => "1 facture à régler".to_owned(),
        n => format!("{n} factures à régler"),
    },
    last_payment: |amount, date| format!("Dernier paiement : {amount} le {date}"),
    no_payment: "Aucun paiement enregistré.",
    none: "Aucune facture pour l’instant : la première sera émise à la clôture du mois en cours.",
    list: "Factures et avoirs",
    period: "Période de facturation",
    status: "Statut",
    status_all: "Tous",
    status_outstanding: "À régler",
    status_overdue: "En retard",
    overdue_count: |n, amount| format!("En retard : {n} ({amount})"),
    due_date: "Échéance",
    due_explained: |days| format!("Payable sous {days} jours à compter de la date de facture."),
    status_paid: "Réglée",
    status_voided: "Annulée",
    status_issued: "Avoir",
    document_invoice: "Facture",
    document_adjustment: "Note de régularisation",
    document_void: "Avoir d’annulation",
    col_number: "Numéro",
    col_document: "Document",
    col_paid: "Réglé",
    col_balance: "Solde",
    col_amount: "Montant",
    none_match: "Aucune facture ne correspond à ces filtres.",
    load_more: "Afficher plus de factures",
    detail_title: "Facture",
    back: "Retour aux factures",
    not_found: "Cette facture n’existe pas, ou vous n’y avez pas accès.",
    amends: "Corrige",
    correct_title: "Corriger cette facture",
    correct_intro: "Une correction est un document distinct : la facture n’est jamais modifiée.",
    correct_button: "Émettre une correction",
    correct_dialog_title: |id| format!("Corriger la facture {id}"),
    correct_kind: "Document",
    void_refused: "Cette facture a des paiements : elle ne peut pas être annulée. Ajustez-la plutôt.",
    void_effect: |total| {
        format!(
            "L’avoir d’annulation inverse chaque ligne : le client ne doit plus les {total} de cette facture."
        )
    },
    adjustment_effect: "La note de régularisation ajoute une ligne hors taxes, au taux de taxe de la facture : un montant à facturer, ou un montant négatif à créditer.",
    adjust_amount: "Montant hors taxes",
    adjust_amount_hint: "Négatif pour un avoir, par exemple −10.",
    note_numbered: "Le document prend le numéro suivant des factures de l’année, fait référence à cette facture et s’ouvre une fois émis.",
    issue_note: "Émettre le document",
    problem_reason: "Saisissez le motif, 200 caractères au plus : il est imprimé sur le document.",
    problem_adjust_amount: "Saisissez un montant différent de zéro, en centimes entiers.",
    reason: "Motif",
    amendments: "Corrigée par",
    totals: "Totaux",
    tax_at: |rate| format!("TVA ({rate} %)"),
    col_subtotal: "Total HT",
    col_tax: "TVA",
    usage_rounding: "Chaque ligne de consommation (une par plan Azure et compteur) est arrondie au centime : leur somme peut différer de quelques centimes du total exact de la page Consommation.",
    estimate_total: "Total estimé",
    download_pdf: "Télécharger le PDF",
    export_usage_csv: "Exporter les lignes de consommation (CSV)",
    export_lines_csv: "Exporter les lignes de facture (CSV)",
    downloading: |pdf, kb| {
        if pdf {
            format!("Téléchargement du PDF : {kb} Ko reçus…")
        } else {
            format!("Export en cours : {kb} Ko reçus…")
        }
    },
    payments: "Paiements",
    paid_on: "Payé le",
    reference: "Référence",
    record_payment: "Enregistrer un paiement",
    payment_hint: |balance| format!("Reste à régler : {balance}."),
    payment_amount: "Montant reçu",
    payment_invalid: "Saisissez le montant reçu, par exemple 1 250,00.",
    payment_too_much: "Saisissez un montant supérieur à zéro et au plus égal au reste à régler.",
    saving: "Enregistrement…",
    lines: "Lignes de facture",
    tab_licences: "Licences",
    tab_usage: "Consommation",
    tab_credits: "Crédits",
    no_lines: "Aucune ligne de ce type sur cette facture.",
    usage_per_meter: "Consommation par compteur",
    usage_lines: "Consommation quotidienne valorisée",
    usage_lines_loaded: |n, total, more| {
        if more {
            format!("{n} lignes chargées sur {total} ; la suite se charge en faisant défiler.")
        } else {
            format!("{n} lignes.")
        }
    },
    col_product: "Produit",
    col_description: "Désignation",
    col_charge: "Nature",
    col_from: "Du",
    col_to: "Au",
    charge_new: "Achat",
    charge_cycle: "Redevance de la période",
    charge_add: "Quantité ajoutée",
    charge_remove: "Quantité retirée",
    charge_cancel: "Remboursement d’annulation",
    charge_usage: "Consommation",
    charge_void: "Annulation",
    charge_adjustment: "Régularisation",
    unbilled_title: "Estimation du mois en cours",
    unbilled_hint: |month| {
        format!(
            "Ce que {month} facture jusqu’ici, calculé comme la facture du mois le sera. La consommation envoyée ensuite s’y ajoute."
        )
    },
    unbilled_lines: "Lignes à ce jour",
};

pub static SUBSCRIPTIONS: Subscriptions = Subscriptions {
    title: "Abonnements",
    caption: |customer| format!("Abonnements de {customer}"),
    empty: "Ce client n’a pas encore d’abonnement. Ils apparaissent ici dès qu’une commande est passée.",
    no_match: "Aucun abonnement ne correspond à cette recherche et à ce statut.",
    shown: |shown, total, count| {
        if count <= 1 {
            format!("{shown} sur {total} abonnement")
        } else {
            format!("{shown} sur {total} abonnements")
        }
    },
    search_by_name: "Rechercher par nom",
    all_statuses: "Tous les statuts",
    col_offer: "Offre",
    col_term: "Engagement",
    col_renewal: "Renouvellement",
    renews_on_short: |date| format!("Renouvelé le {date}"),
    ends_on_short: |date| format!("Prend fin le {date}"),
    no_renewal: "Aucun",
    all_subscriptions: "Tous les abonnements",
    label_cancellation: "Résiliation",
    label_purchased: "Achat",
    label_subscription_id: "ID d’abonnement",
    label_entitlement: "ID de droit d’utilisation",
    entitlement_explained: |id| {
        format!(
            "{id} : l’identifiant qu’Azure lui donne, dans le portail Azure et sur la consommation."
        )
    },
    label_reseller: "Revendeur attitré",
    reseller_explained: |mpn| format!("ID MPN {mpn} : le partenaire qui le vend et le facture."),
    label_contract: "Contrat",
    contract_subscription: "Un abonnement (ni une clé de produit, ni un code d’échange).",
    label_publisher: "Éditeur",
    publisher_explained: |name, microsoft| {
        if microsoft {
            format!("{name} : un produit Microsoft.")
        } else {
            format!("{name} : un produit tiers.")
        }
    },
    label_addons: "Modules complémentaires",
    addons_none: "Aucun ne peut être acheté pour lui.",
    addons_available: "Des modules complémentaires peuvent être achetés pour lui depuis la page Tarifs.",
    service_title: "Approvisionnement et support",
    provisioning_label: "Approvisionnement",
    provisioning_success: "Approvisionné : il est prêt à l’emploi.",
    provisioning_pending: "En cours d’approvisionnement : cette page le suit.",
    provisioning_failed: "L’approvisionnement a échoué : le partenaire est prévenu et le relancera.",
    registration_label: "Instances réservées",
    registration_notregistered: "Non inscrit : inscrivez le plan pour pouvoir acheter des réservations Azure pour ses abonnements Azure.",
    registration_registering: "Inscription en cours : cette page la suit.",
    registration_registered: "Inscrit : des réservations Azure peuvent être achetées pour ses abonnements Azure.",
    register_plan: "Inscrire pour les instances réservées",
    support_label: "Contact de support",
    support_value: |name, mpn, tenant| format!("{name} (ID MPN {mpn}, locataire {tenant})"),
    change_support: "Modifier le contact de support",
    label_support_name: "Nom",
    label_support_mpn: "ID MPN",
    label_support_tenant: "ID de locataire",
    support_changed: "Le contact de support est modifié.",
    problem_support_tenant: "Saisissez l’ID de locataire, un GUID.",
    problem_support_mpn: "Saisissez l’ID MPN : 1 à 10 chiffres.",
    problem_support_name: "Saisissez un nom de 100 caractères au plus.",
    suspended_by_partner: "Suspendu par le partenaire",
    suspended_by_customer: "Suspendu par le client",
    reactivate_ask_partner: "Votre partenaire a suspendu cet abonnement : lui seul peut le réactiver. Contactez-le.",
    billing_per_unit: |billed| format!("À l’unité, {billed}"),
    billing_by_usage: |billed| format!("À l’usage, {billed}"),
    term_from_to: |term, start, end| format!("{term}, du {start} au {end}"),
    no_term_since: |start| format!("Sans engagement, depuis le {start}"),
    renews_on: |date, term| format!("Se renouvelle automatiquement le {date} pour {term}"),
    ends_on: |date| format!("Renouvellement automatique désactivé : prend fin le {date}"),
    cancellable_full: |until| format!("Résiliable avec remboursement intégral jusqu’au {until}"),
    cancellable_partial: |until| {
        format!("Résiliable avec remboursement au prorata jusqu’au {until}")
    },
    not_cancellable: "Ne peut plus être résilié avant la fin de son engagement : désactivez le renouvellement automatique pour qu’il s’arrête à cette date.",
    trial_cancellable: "Un essai peut être résilié à tout moment ; rien n’est facturé.",
    plan_not_cancellable: "Un plan Azure se suspend plutôt qu’il ne se résilie, une fois ses abonnements Azure résiliés.",
    read_only: "Votre rôle permet de consulter cet abonnement, pas de le modifier.",
    no_actions_now: "Rien ne peut être modifié sur cet abonnement pour l’instant.",
    action_rename: "Renommer",
    action_quantity: "Modifier la quantité",
    action_auto_renew_off: "Désactiver le renouvellement automatique",
    action_auto_renew_on: "Activer le renouvellement automatique",
    action_suspend: "Suspendre",
    action_reactivate: "Réactiver",
    action_cancel: "Résilier l’abonnement",
    action_add_azure: "Ajouter un abonnement Azure",
    action_cancel_azure: |name| format!("Résilier {name}"),
    close: "Fermer",
    quantity_unchanged: "Saisissez une quantité différente de l’actuelle.",
    quantity_charge: |amount, until| {
        format!(
            "{amount} seront facturés maintenant : les unités ajoutées, d’aujourd’hui au {until}, fin de la période de facturation."
        )
    },
    quantity_refund: |amount, until| {
        format!(
            "{amount} seront remboursés : les unités retirées, de demain au {until}, fin de la période de facturation."
        )
    },
    no_charge: "Rien n’est facturé ni remboursé.",
    auto_renew_off_effect: |date| {
        format!("L’abonnement prendra fin le {date} au lieu d’être renouvelé.")
    },
    auto_renew_on_effect: |date, term| {
        format!("L’abonnement sera renouvelé le {date} pour {term}.")
    },
    suspend_effect: "Ses utilisateurs perdent l’accès jusqu’à sa réactivation. Rien n’est remboursé : l’engagement et sa facturation continuent.",
    suspend_plan_effect: "Ses abonnements Azure s’arrêtent définitivement : un plan Azure suspendu ne peut pas être réactivé.",
    reactivate_effect: "Ses utilisateurs retrouvent l’accès. Rien n’est facturé.",
    cancel_full_refund: |amount| {
        format!(
            "L’abonnement s’arrête maintenant et {amount} sont remboursés : tout ce qui a été facturé. C’est définitif."
        )
    },
    cancel_partial_refund: |amount| {
        format!(
            "L’abonnement s’arrête maintenant et {amount} sont remboursés pour le reste inutilisé de la période de facturation. C’est définitif."
        )
    },
    cancel_trial: "L’essai s’arrête maintenant. Rien n’a été facturé, donc rien n’est remboursé.",
    add_azure_effect: "Sa consommation est facturée chaque mois via ce plan Azure.",
    cancel_azure_effect: "Il s’arrête maintenant ; sa consommation jusqu’ici reste facturée.",
    action_no_longer_allowed: "Ce changement n’est plus possible : l’abonnement a changé.",
    changed_reloaded: "Quelqu’un a modifié cet abonnement entre-temps. Il a été rechargé : vérifiez le changement, puis confirmez à nouveau.",
    done_renamed: |name| format!("Renommé en « {name} »."),
    done_quantity: |n| format!("La quantité est maintenant de {n}."),
    done_auto_renew_on: "Le renouvellement automatique est activé.",
    done_auto_renew_off: "Le renouvellement automatique est désactivé.",
    done_suspended: "L’abonnement est suspendu.",
    done_reactivated: "L’abonnement est de nouveau actif.",
    done_cancelled: "L’abonnement est résilié.",
    done_azure_added: |name| format!("Abonnement Azure « {name} » ajouté."),
    done_azure_cancelled: |name| format!("Abonnement Azure « {name} » résilié."),
    history_title: "Historique",
    col_when: "Date",
    col_change: "Changement",
    col_amount: "Facturé ou remboursé",
    refunded_amount: |amount| format!("{amount} remboursés"),
    azure_subscriptions_title: "Abonnements Azure",
    azure_subscriptions_empty: "Ce plan n’a aucun abonnement Azure.",
    col_id: "ID",
    invoice_lines_title: "Lignes de facture",
    invoice_lines_intro: "Ce que la facture de chaque mois clos a facturé pour cet abonnement, de la plus récente à la plus ancienne.",
    invoice_lines_empty: "Aucune facture n’a encore facturé cet abonnement : ses premières lignes viendront avec la prochaine facture mensuelle.",
    col_invoice: "Facture",
};

pub static DEFENDER: Defender = Defender {
    title: "Defender pour IoT",
    intro: "Protégez vos appareils IoT et OT en intégrant un abonnement Azure avec un nombre d’appareils validés. La facturation est mensuelle : l’intégration est facturée jusqu’à la fin du mois, et le retrait pour le reste du mois.",
    prices: "Tarifs du plan",
    price_monthly: |price| {
        format!("Engagement mensuel : {price} par tranche de 1 000 appareils par mois")
    },
    price_annual: |price| {
        format!("Engagement annuel : {price} par tranche de 1 000 appareils par an, payés d’avance")
    },
    price_trial: "Essai gratuit de 30 jours pour 1 000 appareils, une fois par abonnement Azure",
    plans_caption: "Abonnements Azure intégrés",
    none: "Aucun abonnement Azure n’est encore intégré à Defender pour IoT.",
    onboard_subscription: "Intégrer un abonnement",
    onboard: "Intégrer",
    onboarding: "Intégration…",
    offboard: "Retirer",
    offboard_named: |name| format!("Retirer {name}"),
    col_committed_devices: "Appareils validés",
    col_onboarded_on: "Intégré le",
    col_sensors: "Capteurs",
    col_month_charge: "Facturé ce mois-ci",
    trial_until: |date| format!("Essai gratuit jusqu’au {date}"),
    change_devices: "Modifier les appareils engagés",
    change_devices_named: |name| format!("Modifier les appareils engagés de {name}"),
    devices_unchanged: "C’est le nombre engagé actuellement : choisissez-en un autre pour voir ce qu’il coûte.",
    devices_increase: |charge, from, to, devices, recurring| {
        format!(
            "{charge} vous seront facturés maintenant pour les appareils ajoutés, au prorata du {from} au {to} ; ensuite, {devices} appareils coûtent {recurring}."
        )
    },
    devices_decrease: |devices, from, recurring| {
        format!(
            "Rien n’est facturé ni remboursé maintenant : le plan est facturé pour {devices} appareils à partir du {from}, {recurring}."
        )
    },
    per_month: |amount| format!("{amount} par mois"),
    per_year: |amount| format!("{amount} par an"),
    devices_changed_notice: |name| format!("Les appareils engagés de {name} sont modifiés."),
    devices_from_next_month: |devices, date| format!("{devices} à partir du {date}"),
    field_plan: "Formule",
    plan_monthly: "Engagement mensuel",
    plan_annual: "Engagement annuel",
    plan_trial: "Essai gratuit de 30 jours (1 000 appareils)",
    estimate_monthly: |first, from, to, recurring| {
        format!("Vous serez facturé {first} du {from} au {to}, puis {recurring} par mois.")
    },
    estimate_annual: |first, from, to| {
        format!(
            "Vous serez facturé {first} maintenant pour l’année du {from} au {to}, puis le même montant chaque année."
        )
    },
    estimate_trial: |to| {
        format!(
            "Gratuit jusqu’au {to}. Ensuite, retirez l’essai et intégrez un engagement mensuel ou annuel."
        )
    },
    no_eligible_subscription: "Aucun abonnement Azure de ce client ne peut être intégré : chacun l’est déjà, ou le client n’en a aucun. Achetez un plan Azure sur cette page pour en obtenir un. S’il manque un abonnement que vous attendiez, vérifiez les détails de votre compte et confirmez vos autorisations avec le propriétaire de l’abonnement.",
    onboarded_notice: |name| format!("{name} est intégré à Defender pour IoT."),
    offboarded_notice: |name| {
        format!("{name} est retiré. Il reste facturé jusqu’à la fin du mois.")
    },
    offboard_effect: "Le retrait est facturé pour le reste du mois ; rien n’est remboursé. Supprimez d’abord tous les capteurs de cet abonnement.",
    sensors_remaining: "Capteurs encore associés :",
    confirm_sensors_deleted: "Je confirme que tous les capteurs associés à cet abonnement ont été supprimés",
    sensors_of: |name| format!("Capteurs de {name}"),
    no_sensors: "Aucun capteur n’est associé.",
    sensor_name: "Nom du capteur",
    sensor_name_hint: "Lettres, chiffres, « - », « _ » et « . », 64 caractères au plus, en commençant par une lettre ou un chiffre.",
    add_sensor: "Ajouter le capteur",
    delete_sensor_named: |name| format!("Supprimer le capteur {name}"),
    delete_sensor_effect: |sensor, subscription| {
        format!(
            "Le capteur {sensor} sera retiré de {subscription} et ne remontera plus d’informations à Defender pour IoT."
        )
    },
    sensor_added: |name| format!("Capteur {name} ajouté."),
    sensor_deleted: |name| format!("Capteur {name} supprimé."),
};

pub static USAGE: Usage = Usage {
    billed_differs: |billed| {
        format!(
            "La facture portera {billed} : une ligne par plan Azure et compteur, chacune arrondie au centime."
        )
    },
    title: "Consommation Azure",
    period: "Période de facturation",
    this_month: |month| format!("Ce mois-ci ({month})"),
    spent_in: |month| format!("Dépensé en {month}"),
    budget_used: |spent, budget, percent| {
        format!("{spent} sur un budget de dépenses de {budget} ({percent} utilisés)")
    },
    no_budget: "Aucun budget de dépenses n’est défini.",
    scoped_note: "Ce montant ne compte que les abonnements auxquels vous avez accès. Le budget de dépenses est géré par les administrateurs de votre organisation.",
    budget_label: "Budget de dépenses du mois",
    budget_invalid: "Saisissez un montant positif ou nul, par exemple 500.",
    budget_save: "Enregistrer le budget",
    budget_remove: "Supprimer le budget",
    alert_banner: |threshold, at| {
        format!("Les dépenses ont dépassé {threshold} % du budget ce mois-ci (depuis le {at}).")
    },
    chart_title: "Coût par jour",
    chart_description: "Coût par jour, empilé par catégorie de compteur. Les mêmes chiffres sont dans le tableau sous le graphique.",
    chart_legend: "Catégories de compteurs",
    chart_as_table: "Afficher les chiffres dans un tableau",
    none: "Aucune consommation sur cette période.",
    breakdown: "Détail",
    by_subscription: "Par abonnement",
    by_meter: "Par compteur",
    by_resource: "Par ressource",
    no_azure_plan: "Ce client n’a pas de plan Azure : il n’y a pas de consommation à détailler.",
    azure_plan: "Plan Azure",
    export_progress: |n| format!("Export en cours : {n} lignes lues…"),
    resources_loaded: |n, more| {
        if more {
            format!("{n} ressources chargées ; la suite se charge en faisant défiler.")
        } else {
            format!("{n} ressources.")
        }
    },
    all_customers: "Tous les clients sur la période",
    partner_total: "Dépenses totales",
    over_budget: "Clients au-delà du budget",
    trending_over: "Clients en voie de dépasser leur budget",
    status_no_budget: "Pas de budget",
    status_over: "Budget dépassé",
    status_near: "Plus de 80 %",
    status_within: "Dans le budget",
    col_category: "Catégorie",
    col_unit: "Unité",
    col_resource_group: "Groupe de ressources",
    col_azure_subscription: "Abonnement Azure",
    col_spent: "Dépensé",
    col_budget: "Budget",
    col_used: "Utilisé",
    col_budget_status: "État du budget",
};

pub static API_KEYS: ApiKeys = ApiKeys {
    col_created: "Création",
    created_by_on: |at, who| format!("{at} par {who}"),
    title: "Clés d’API",
    intro: "Les compteurs et systèmes de facturation envoient la consommation Azure au portail avec une clé d’API. Une clé peut envoyer la consommation de tous les clients, ou d’un seul.",
    only_global_admins: "Seuls les administrateurs généraux du partenaire gèrent les clés d’API. Demandez une clé à l’un d’eux.",
    create_title: "Créer une clé",
    name: "Nom (ce qui l’utilise)",
    scope: "Peut envoyer la consommation de",
    scope_partner: "Tous les clients",
    create: "Créer la clé",
    created: |name| format!("Clé « {name} » créée"),
    shown_once: "Copiez la clé maintenant et conservez-la en lieu sûr : elle n’est affichée qu’une seule fois.",
    copy: "Copier la clé",
    copied: "Copiée dans le presse-papiers.",
    none: "Aucune clé d’API pour l’instant.",
    caption: "Les clés d’API du partenaire",
    prefix: "Commence par",
    active: "Active",
    revoked_on: |at| format!("Révoquée le {at}"),
    revoke: "Révoquer",
    revoke_named: |name| format!("Révoquer {name}"),
    revoke_title: |name| format!("Révoquer la clé « {name} » ?"),
    revoke_warning: "Tout envoi de consommation avec cette clé est refusé dès maintenant. C’est définitif.",
    revoked: |name| format!("La clé « {name} » est révoquée."),
};

pub static CART: Cart = Cart {
    title: "Panier",
    empty: "Le panier est vide.",
    order_group: |n, billing| format!("Commande {n}, {billing}"),
    usage_group: "consommation facturée chaque mois",
    col_today: "Facturé aujourd’hui",
    remove_item: |name| format!("Retirer {name}"),
    remove: "Retirer",
    subtotal: "Sous-total",
    total_today: "Total facturé aujourd’hui",
    then_per_month: |amount| format!("puis {amount} par mois"),
    then_per_year: |amount| format!("puis {amount} par an"),
    usage_later: "facturé chaque mois selon l’usage",
    first_charge_explained: "Les articles mensuels sont facturés d’aujourd’hui à la fin du mois, puis chaque mois ; les articles annuels paient l’année d’avance ; l’usage est facturé à la fin de chaque mois.",
    review_order: "Vérifier la commande",
    fix_lines_first: "Corrigez les lignes signalées avant de commander.",
    review_title: "Vérifiez la commande",
    review_intro: |customer| format!("Ces commandes seront passées pour {customer}."),
    place_order: "Passer la commande",
    placing_order: "Commande en cours…",
    back_to_cart: "Retour au panier",
    confirmation_title: "Commande passée",
    confirmation_body: "Les abonnements sont en cours de mise en service ; l’état des commandes se met à jour tout seul.",
    nothing_ordered: "Rien n’a pu être commandé. Le panier est inchangé.",
};

pub static PRICING: Pricing = Pricing {
    title: "Tarifs",
    intro: |customer| format!("Ce que {customer} peut acheter, dans sa devise de facturation."),
    usage_based_price: "Paiement à l’utilisation : facturé chaque mois selon votre consommation.",
    quantity_range: |min, max| format!("De {min} à {max}."),
    commitment: "Engagement et facturation",
    add_to_cart: "Ajouter au panier",
    adding: "Ajout…",
    added_to_cart: |name| format!("{name} est dans le panier."),
    view_cart: "Voir le panier",
    readers_cannot_buy: "Vous pouvez consulter les prix. Pour acheter, il faut un rôle d’administrateur général, d’agent d’administration, d’agent commercial ou d’administrateur client.",
    trial_offer: "Gratuit pendant 30 jours",
};

pub static OVERVIEW: Overview = Overview {
    title: "Vue d’ensemble",
    welcome: |name| format!("Bienvenue, {name}"),
    no_customer_in_view: "Choisissez un client dans la liste « Client affiché » pour travailler sur son compte.",
    see_all_customers: "Voir tous les clients",
    relationship: "Relation",
    relationship_reseller: "Revendeur : vous facturez ce client",
    billing_period: "Période de facturation en cours",
    billing_period_range: |start, end| format!("du {start} au {end}"),
    billing_period_explained: "La facturation suit le mois civil : les frais de cette période figurent sur la facture émise au début du mois prochain.",
    attention: "À traiter",
    tile_spend: "Dépenses du mois",
    spend_of_budget: |spent, budget, percent| {
        format!("{spent} sur un budget de {budget} ({percent})")
    },
    spend_no_budget: |spent| format!("{spent}, aucun budget défini"),
    see_usage: "Voir la consommation",
    tile_balance: "Solde dû",
    nothing_due: "Rien à payer",
    next_invoice: |date| format!("Prochaine facture le {date}."),
    see_invoices: "Voir les factures",
    tile_subscriptions: "Abonnements actifs",
    subscriptions_active: |plans, licences| {
        let plans =
            if plans <= 1 { format!("{plans} plan Azure") } else { format!("{plans} plans Azure") };
        let licences = if licences <= 1 {
            format!("{licences} abonnement à licences")
        } else {
            format!("{licences} abonnements à licences")
        };
        format!("{plans}, {licences}")
    },
    see_subscriptions: "Voir les abonnements",
    tile_defender: "Defender pour IoT",
    devices_committed: |devices, subscriptions| match subscriptions {
        0 => "Aucun abonnement Azure intégré".to_owned(),
        1 => format!("{devices} appareils engagés sur 1 abonnement Azure"),
        n => format!("{devices} appareils engagés sur {n} abonnements Azure"),
    },
    see_pricing: "Voir les plans",
    tile_orders: "Commandes en cours",
    orders_open: |n| match n {
        0 => "Aucune commande en cours d’approvisionnement".to_owned(),
        1 => "1 commande en cours d’approvisionnement".to_owned(),
        n => format!("{n} commandes en cours d’approvisionnement"),
    },
    see_orders: "Voir les commandes",
    heading_to: |amount, day| format!("À ce rythme : {amount} au {day}."),
    chart_so_far: "À ce jour",
    chart_projection: "À ce rythme",
    chart_budget: "Budget",
    alert_over_budget: "Les dépenses ont dépassé le budget mensuel.",
    alert_order_failed: |order| {
        format!("La commande {order} n’a pas pu être mise en service : voir pourquoi.")
    },
    alert_near_budget: |percent| format!("Les dépenses ont atteint {percent} du budget mensuel."),
    alert_trending_over: "À ce rythme, les dépenses dépasseront le budget avant la fin du mois.",
    alert_trial_ends: |name, day| format!("{name} : l’essai se termine le {day}."),
    alert_term_ends: |name, day| {
        format!("{name} : l’engagement se termine le {day} et n’est pas renouvelé.")
    },
    alert_term_renews: |name, day| format!("{name} : renouvelé pour un an le {day}."),
    nothing_needs_attention: "Rien ne demande votre attention.",
    partner_heading: "Pour l’ensemble de vos clients",
    tile_customers: "Clients",
    customers_active: |n| match n {
        0 | 1 => format!("{n} client actif"),
        n => format!("{n} clients actifs"),
    },
    customers_other: |pending, declined, gone| {
        format!(
            "En attente d’acceptation : {pending} · refusés : {declined} · terminés ou expirés : {gone}"
        )
    },
    see_pending: "Voir ceux en attente",
    see_customers: "Voir les clients",
    tile_partner_spend: "Consommation du mois",
    no_spend: "Aucune consommation ce mois-ci",
    tile_budgets: "Budgets",
    budgets_status: |over, trending| {
        let over = match over {
            0 | 1 => format!("{over} client au-delà du budget"),
            n => format!("{n} clients au-delà du budget"),
        };
        format!("{over}, {trending} en passe de le dépasser d’ici la fin du mois")
    },
    tile_receivables: "Soldes à encaisser",
    receivables_counts: |outstanding, overdue| {
        let outstanding = match outstanding {
            0 | 1 => format!("{outstanding} facture à régler"),
            n => format!("{n} factures à régler"),
        };
        format!("{outstanding}, dont {overdue} en retard")
    },
    see_overdue: "Voir les factures en retard",
    tile_failures: "Factures non émises",
    no_failures: "Tous les clients ont été facturés.",
    failures_count: |n| match n {
        0 | 1 => format!("{n} client n’a pas pu être facturé"),
        n => format!("{n} clients n’ont pas pu être facturés"),
    },
    tile_order_failures: "Commandes non mises en service",
    no_order_failures: "Toutes les commandes ont été mises en service.",
    order_failed_of: |customer, order| format!("{customer} : commande {order}"),
    tile_terms: "Engagements qui se terminent sous 30 jours",
    no_terms: "Aucun engagement ne se termine sous 30 jours.",
    term_of: |customer, name| format!("{customer} — {name}"),
};

pub static CUSTOMERS: Customers = Customers {
    title: "Clients",
    // In French, 0 and 1 take the singular.
    count: |n, count| {
        if count <= 1 { format!("{n} client") } else { format!("{n} clients") }
    },
    empty: "Aucun client pour l’instant. Un client apparaît ici dès qu’il accepte votre relation de revendeur.",
    caption: "Clients auxquels vous revendez",
    view_customer: |name| format!("Afficher {name}"),
    view: "Afficher",
    in_view: "Affiché",
    partner_only: "Cette page est réservée aux utilisateurs partenaires. Les informations de votre organisation sont dans la vue d’ensemble.",
    new_customer: "Nouveau client",
    new_title: "Nouveau client",
    new_intro: "Le client reçoit son ID Microsoft dès maintenant et est facturé dans la devise de son pays. Vous accédez à ses données dès que son administrateur accepte votre relation de revendeur.",
    company_name: "Raison sociale",
    domain_name: "Domaine (par exemple contoso.fr)",
    first_name: "Prénom du contact",
    last_name: "Nom du contact",
    contact_email: "E-mail du contact",
    phone: "Téléphone (facultatif)",
    vat_number: "N° de TVA intracommunautaire (entreprises de l’UE, facultatif)",
    vat_number_short: "N° de TVA intracommunautaire",
    address: "Adresse",
    city: "Ville",
    postal_code: "Code postal",
    contact_language: "Langue du contact et des documents",
    domain_taken: "Un autre client a déjà ce domaine. Vérifiez-le, ou retrouvez ce client dans la liste.",
    country_not_sold: "Nous ne vendons pas encore dans ce pays.",
    create: "Créer le client",
    creating: "Création…",
    col_microsoft_id: "ID Microsoft",
    created: |name| {
        format!(
            "{name} est créé. Il figure parmi les clients en attente de réponse jusqu’à ce que son administrateur accepte votre relation de revendeur."
        )
    },
    col_relationship: "Relation",
    invitation_link: "Lien d’invitation",
    invitation_link_for: |name| format!("Lien d’invitation pour {name}"),
    invite_title: |name| format!("Invitation pour l’administrateur de {name}"),
    invite_intro: |email, date| {
        format!(
            "Envoyez ce lien à {email}. Il ne sert qu’une fois, jusqu’au {date} ; un nouveau lien remplace celui-ci."
        )
    },
    issuing: "Création du lien…",
    link_label: "Lien d’invitation",
    request_link: "Demander une relation",
    request_link_title: "Votre lien de demande de relation",
    request_link_intro: "Envoyez ce lien à l’administrateur d’un client qui utilise déjà le portail. Dès qu’il se connecte et accepte, le client apparaît dans votre liste et vous pouvez agir pour lui.",
    request_link_label: "Lien de demande",
    search: "Rechercher par nom, domaine ou ID Microsoft",
    search_button: "Rechercher",
    filter_all: "Toutes",
    caption_filtered: |status| format!("Clients : {status}"),
    load_more: "Afficher plus de clients",
    no_match: "Aucun client ne correspond à cette recherche et à cette relation.",
    detail_title: "Client",
    account_details: "Compte",
    contact: "Contact",
    relationship: "Relation",
    azure_portal: "Portail de gestion Microsoft Azure",
    azure_portal_hint: "Ouvre le portail Azure dans l’annuaire de ce client, dans un nouvel onglet, pour y gérer ses abonnements Azure.",
    subscriptions: "Abonnements",
    no_subscriptions: "Ce client n’a pas encore d’abonnement.",
    put_in_view: "Afficher ce client",
    end_title: |customer| format!("Mettre fin à la relation avec {customer} ?"),
    end_body: |customer| {
        format!(
            "Vous perdez aussitôt l’accès à {customer} : vous ne pouvez plus acheter pour lui ni consulter sa consommation et ses factures. Ses abonnements restent tels quels. Pour retravailler avec lui, il doit accepter votre lien de demande."
        )
    },
    ended: |customer| format!("La relation avec {customer} a pris fin."),
};

pub static SIGN_IN: SignIn = SignIn {
    title: "Connexion",
    heading: "Connectez-vous au portail de facturation",
    email: "Adresse e-mail",
    password: "Mot de passe",
    sign_in: "Se connecter",
    signing_in: "Connexion…",
    fix_fields: "Corrigez les champs signalés, puis reconnectez-vous.",
};

pub static ORDERS: Orders = Orders {
    title: "Commandes",
    empty: "Aucune commande pour l’instant.",
    caption: |customer| format!("Commandes de {customer}"),
    col_order: "Commande",
    col_placed: "Passée le",
    col_charged: "Facturé le jour de la commande",
};

pub static RELATIONSHIPS: Relationships = Relationships {
    invitation_title: "Invitation",
    invitation_heading: |partner| format!("{partner} vous invite sur le portail de facturation"),
    asks: |partner, company| {
        format!(
            "{partner} demande à agir pour {company} en tant que revendeur. Si vous acceptez, {partner} pourra :"
        )
    },
    role_purchasing: "acheter et gérer vos abonnements et vos plans Defender pour IoT ;",
    role_billing: "consulter votre consommation, vos budgets et vos factures ;",
    role_user_administration: "ajouter vos utilisateurs et leur attribuer des rôles.",
    access_purchasing: "Achats",
    access_billing: "Facturation",
    access_user_administration: "Administration des utilisateurs",
    duration: |days| {
        format!(
            "Cela dure {days} jours (deux ans). Vous pouvez y mettre fin à tout moment depuis la page de votre compte."
        )
    },
    you_become_admin: |company, email| {
        format!(
            "Vous devenez le premier administrateur de {company} et vous vous connectez avec {email}."
        )
    },
    display_name: "Votre nom",
    new_password: "Choisissez un mot de passe",
    password_hint: "Au moins 12 caractères. Quelques mots dont vous vous souviendrez font un bon mot de passe.",
    accept_invitation: "Accepter et créer mon compte",
    accepting: "Acceptation…",
    decline: "Refuser",
    declining: "Refus…",
    link_expires: |date| format!("Ce lien ne sert qu’une fois, jusqu’au {date}."),
    state_accepted: "Cette invitation a déjà été acceptée. Connectez-vous avec l’adresse e-mail à laquelle elle a été envoyée.",
    state_declined: |partner| {
        format!(
            "Cette invitation a été refusée. Si c’était une erreur, demandez-en une nouvelle à {partner}."
        )
    },
    state_replaced: |partner| {
        format!("{partner} a envoyé une invitation plus récente : utilisez le dernier lien.")
    },
    state_expired: |partner, date| {
        format!("Cette invitation a expiré le {date}. Demandez-en une nouvelle à {partner}.")
    },
    link_invalid: "Ce lien d’invitation est incomplet ou erroné. Ouvrez-le à nouveau depuis l’e-mail, ou demandez un nouveau lien à votre partenaire.",
    declined_done: |partner| {
        format!("Vous avez refusé. {partner} n’a aucun accès à votre organisation.")
    },
    go_sign_in: "Aller à la connexion",
    request_title: "Demande d’un partenaire",
    request_heading: |partner| format!("{partner} demande à être votre revendeur"),
    request_asks: |partner| format!("Si vous acceptez, {partner} pourra :"),
    partner_id: |id| format!("ID partenaire (MPN) : {id}"),
    accept: "Accepter",
    request_accepted: |partner| format!("{partner} agit désormais pour votre organisation."),
    request_active_already: |partner| format!("{partner} agit déjà pour votre organisation."),
    request_other_reseller: |other| {
        format!(
            "Votre organisation travaille déjà avec {other}. Le portail facture chaque client par un seul revendeur : mettez d’abord fin à cette relation depuis la page de votre compte."
        )
    },
    request_admins_only: "Seuls les administrateurs client de votre organisation peuvent accepter la demande d’un partenaire.",
    not_now: "Plus tard",
    account_title: "Compte",
    organization: "Votre organisation",
    partners_title: "Partenaires",
    partners_caption: "Partenaires qui agissent ou ont agi pour votre organisation",
    col_partner: "Partenaire",
    col_access: "Accès délégué",
    col_since: "Depuis",
    col_expires: "Jusqu’au",
    status_pending: "En attente de réponse",
    status_active: "Active",
    status_declined: "Refusée",
    status_ended: "Terminée",
    status_expired: "Expirée",
    end: "Mettre fin à la relation",
    end_for: |partner| format!("Mettre fin à la relation avec {partner}"),
    end_title: |partner| format!("Mettre fin à la relation avec {partner} ?"),
    end_body: |partner| {
        format!(
            "{partner} perd aussitôt l’accès à votre organisation : il ne peut plus acheter pour vous, consulter votre consommation et vos factures, ni gérer vos utilisateurs. Vos abonnements restent tels quels. Pour retravailler avec {partner}, acceptez son lien de demande."
        )
    },
    ending: "Fin en cours…",
    ended: |partner| format!("La relation avec {partner} a pris fin."),
    no_partners: "Aucun partenaire n’agit pour votre organisation.",
    customers_only: "Cette page est réservée aux utilisateurs clients : les utilisateurs partenaires gèrent leurs clients sous Clients.",
};

pub static USERS: Users = Users {
    title: "Utilisateurs",
    intro_partner: "Le personnel de votre organisation : qui se connecte au portail et ce que chacun peut faire.",
    intro_customer: "Qui se connecte pour cette organisation, et ce que chacun peut faire.",
    add_user: "Ajouter un utilisateur",
    display_name: "Nom",
    first_name: "Prénom",
    last_name: "Nom de famille",
    email: "Adresse e-mail",
    roles: "Rôles",
    add: "Ajouter l’utilisateur",
    adding: "Ajout…",
    caption: "Utilisateurs et leurs rôles",
    col_email: "E-mail",
    col_roles: "Rôles",
    state_active: "Actif",
    state_invited: "Invité, sans mot de passe",
    state_deactivated: "Désactivé",
    edit_roles: "Rôles",
    edit_roles_for: |name| format!("Modifier les rôles de {name}"),
    roles_title: |name| format!("Rôles de {name}"),
    save: "Enregistrer",
    saving: "Enregistrement…",
    deactivate: "Désactiver",
    deactivate_for: |name| format!("Désactiver {name}"),
    deactivate_title: |name| format!("Désactiver {name} ?"),
    deactivate_body: "Cette personne est déconnectée aussitôt et ne peut plus se connecter tant que personne ne la réactive. Ce qu’elle a fait reste.",
    deactivating: "Désactivation…",
    restore: "Réactiver",
    restore_for: |name| format!("Réactiver {name}"),
    new_link: "Lien de mot de passe",
    new_link_for: |name| format!("Nouveau lien de mot de passe pour {name}"),
    link_title: |name| format!("Lien de mot de passe pour {name}"),
    link_intro: |email, date| {
        format!(
            "Envoyez ce lien à {email}. Il sert une fois, jusqu’au {date}, à choisir un mot de passe ; un lien plus récent le remplace."
        )
    },
    added: |name| format!("{name} est ajouté."),
    changed: |name| format!("{name} est mis à jour."),
    email_taken: "Un compte avec cette adresse e-mail existe déjà.",
    last_admin: "C’est le dernier administrateur actif : faites d’abord de quelqu’un d’autre un administrateur.",
    admins_only: "Seuls les administrateurs gèrent les utilisateurs.",
    set_title: "Choisissez votre mot de passe",
    set_heading_new: |organization| {
        format!("Bienvenue chez {organization} sur le portail de facturation")
    },
    set_heading_reset: "Choisissez un nouveau mot de passe",
    set_for: |name, email| format!("Pour {name}, qui se connecte avec {email}."),
    new_password: "Nouveau mot de passe",
    set_submit: "Enregistrer le mot de passe et se connecter",
    setting: "Enregistrement…",
    link_used: "Ce lien a déjà servi. Connectez-vous avec votre mot de passe.",
    link_replaced: "Un lien plus récent a été envoyé depuis : utilisez le dernier.",
    link_expired: |date| {
        format!("Ce lien a expiré le {date}. Demandez-en un nouveau à un administrateur.")
    },
    link_invalid: "Ce lien est incomplet ou erroné. Ouvrez-le à nouveau depuis l’e-mail, ou demandez-en un nouveau à un administrateur.",
    access_title: "Contrôle d’accès",
    access_intro: "Les utilisateurs qui peuvent voir ou modifier cet abonnement seul. Un utilisateur sans autre rôle ne voit que les abonnements où il figure ici.",
    col_user: "Utilisateur",
    col_role: "Rôle",
    role_owner: "Propriétaire",
    role_contributor: "Contributeur",
    role_reader: "Lecteur",
    give_access: "Donner accès",
    giving: "Attribution…",
    remove_access_for: |name| format!("Retirer l’accès de {name}"),
    remove: "Retirer",
    no_access: "Personne n’a de rôle sur cet abonnement seul.",
    access_given: |name| format!("{name} a désormais accès à cet abonnement."),
    access_removed: |name| format!("{name} n’a plus accès à cet abonnement."),
    scoped_intro: "Vous n’avez accès qu’à certains abonnements de votre organisation.",
    see_subscriptions: "Voir vos abonnements",
    see_usage: "Voir leur consommation",
};

pub static AZURE_STACK: AzureStack = AzureStack {
    title: "Azure Stack Hub",
    intro: "Inscrivez un déploiement Azure Stack Hub auprès d’Azure pour que son utilisation soit signalée et facturée sous l’abonnement Azure choisi, et qu’il puisse télécharger des éléments de la Place de Marché à partir d’Azure.",
    free: "L’inscription est gratuite : elle n’entraîne aucun frais sur l’abonnement Azure.",
    register: "Inscrire un déploiement",
    empty: "Aucun déploiement n’est encore inscrit.",
    caption: "Déploiements inscrits",
    col_name: "Inscription",
    col_azure_subscription: "Abonnement Azure",
    col_billing_model: "Modèle de facturation",
    col_connection: "Connexion",
    col_size: "Nœuds et cœurs",
    col_registered: "Inscrit le",
    col_actions: "Actions",
    size: |nodes, cores, n, c| {
        // French: one and zero are singular.
        let nodes_word = if n <= 1 { "nœud" } else { "nœuds" };
        let cores_word = if c <= 1 { "cœur" } else { "cœurs" };
        format!("{nodes} {nodes_word}, {cores} {cores_word}")
    },
    model_pay_as_you_use: "Paiement à l’utilisation",
    model_capacity: "Capacité",
    model_development: "Développement",
    connected: "Connecté",
    disconnected: "Déconnecté",
    status_registered: "Inscrit, non activé",
    status_activated: "Activé",
    status_expired: "Expiré",
    status_removed: "Supprimé",
    connection_legend: "Comment le déploiement accède à Azure",
    connected_hint: "Il accède lui-même à Azure : il est activé dès son inscription.",
    disconnected_hint: "Sans accès à Internet : collez le jeton d’inscription produit par le déploiement (Get-AzsRegistrationToken, ou portal-server azs-token). Capacité et Développement uniquement.",
    label_agreement: "Numéro de contrat Entreprise",
    agreement_hint: "Le contrat sous lequel la capacité a été achetée : 7 à 10 chiffres.",
    label_cloud_id: "ID de cloud du déploiement",
    label_nodes: "Nœuds",
    label_cores: "Cœurs physiques",
    label_token: "Jeton d’inscription",
    label_token_file: "Ou le lire dans un fichier",
    label_resource_group: "Groupe de ressources",
    label_region: "Région du groupe de ressources",
    problem_region: "Choisissez une région Azure du cloud mondial.",
    label_name: "Nom de l’inscription",
    submit: "Inscrire",
    registered_notice: |name| format!("{name} est inscrit."),
    no_azure_subscription: "Le client n’a aucun abonnement Azure actif : achetez un plan Azure et ajoutez-y d’abord un abonnement Azure.",
    remove: |name| format!("Supprimer {name}"),
    remove_title: |name| format!("Supprimer l’inscription {name} ?"),
    remove_effect: "Son utilisation n’est plus signalée ni facturée, et le déploiement ne peut plus télécharger d’éléments de la Place de Marché à partir d’Azure. Pour l’inscrire sous un autre abonnement Azure, supprimez-la d’abord, puis inscrivez-le à nouveau.",
    remove_confirm: "Supprimer l’inscription",
    removed_notice: |name| format!("L’inscription {name} est supprimée."),
    problem_agreement_required: "Saisissez le numéro de contrat Entreprise : la Capacité l’exige.",
    problem_agreement_unused: "Seule la Capacité a un numéro de contrat : laissez-le vide.",
    problem_not_agreement: "Saisissez 7 à 10 chiffres.",
    problem_cloud_id: "Saisissez l’ID de cloud, un GUID tel que 7a7e3f1e-5c2b-4e0d-9f3a-2b8c6d4e1f00.",
    problem_name: "Utilisez 1 à 90 lettres, chiffres, tirets, traits de soulignement, points ou parenthèses, sans point final.",
    problem_nodes: |max| format!("Saisissez 1 à {max} nœuds."),
    problem_disconnected_payg: "Un déploiement déconnecté ne peut pas signaler son utilisation : choisissez Capacité ou Développement.",
    problem_cores: "Saisissez au moins un cœur par nœud, au plus 2 048.",
    problem_token: "Collez le jeton d’inscription entier produit par le déploiement.",
    problem_cloud: "Les abonnements au cloud du gouvernement de Chine, d’Allemagne et des États-Unis ne sont pas pris en charge pour le moment : choisissez un abonnement du cloud Azure mondial.",
    sovereign_cloud: "cloud souverain, inscription impossible",
    problem_server: |message| format!("Refusé : {message}"),
    changed_notice: |name| format!("L’inscription {name} est modifiée."),
    change_title: |name| format!("Modifier l’inscription {name}"),
    change_keeps: |subscription, connection, cloud| {
        format!(
            "Sous {subscription}, {connection}, ID de cloud {cloud}. Pour utiliser un autre abonnement Azure, supprimez d’abord l’inscription, puis inscrivez à nouveau le déploiement."
        )
    },
    save_changes: "Enregistrer les modifications",
    change: "Modifier l’inscription",
    get_activation_key: "Obtenir la clé d’activation",
    activation_key_title: "Clé d’activation",
    activation_key_intro: "Donnez cette clé au déploiement déconnecté : il active l’inscription avec elle. En demander une autre donne une nouvelle clé, et la précédente cesse de fonctionner.",
    activation_key_label: "Clé d’activation",
    download_key: "Télécharger la clé",
    all_registrations: "Toutes les inscriptions Azure Stack Hub",
    facts_title: "Inscription",
    label_registered_by: "Inscrit par",
    label_activated: "Activé le",
    label_last_report: "Dernier signalement du déploiement",
    never_reported: "Jamais : le déploiement ne s’est pas encore signalé.",
    verify_title: "Vérification",
    verify_activated: "Activé : la gestion de la Place de Marché du déploiement peut ajouter des éléments à partir d’Azure, et son avertissement de non-inscription a disparu.",
    verify_not_activated: "Inscrit mais non activé : obtenez la clé d’activation et donnez-la au déploiement.",
    verify_never_activated: |days| {
        format!(
            "Inscrit il y a {days} jours et jamais activé : vérifiez que le déploiement a reçu sa clé d’activation."
        )
    },
    verify_expired: "Expirée : renouvelez l’inscription avec le nouveau numéro de contrat.",
    history_title: "Historique",
    col_change: "Modification",
    col_terms: "Conditions",
    change_registered: "Inscrite",
    change_changed: "Modifiée",
    change_activated: "Activée",
    change_removed: "Supprimée",
    change_expired: "Expirée : la capacité ne la couvre plus",
    not_found: "Aucune inscription active de ce nom : elle a peut-être été supprimée.",
    covered_title: "Inscriptions Azure Stack Hub",
    covered_intro: |bought, used| {
        format!(
            "Cet abonnement compte {bought} cœurs ; les inscriptions en Capacité du client, que couvre sa capacité Azure Stack Hub, comptent {used} cœurs en tout."
        )
    },
    covered_none: "Aucune inscription en Capacité n’utilise encore cette capacité : inscrivez un déploiement avec le modèle de facturation Capacité sur la page Azure Stack Hub.",
};

pub static ACTIVITY: Activity = Activity {
    customer_created: "Client créé",
    invitation_issued: "Invitation envoyée",
    invitation_accepted: "Invitation acceptée",
    invitation_declined: "Invitation refusée",
    relationship_accepted: "Demande du partenaire acceptée",
    relationship_ended: "Relation terminée",
    user_added: "Utilisateur ajouté",
    user_roles_changed: "Rôles modifiés",
    user_deactivated: "Utilisateur désactivé",
    user_restored: "Utilisateur réactivé",
    user_renamed: "Utilisateur renommé",
    user_password_link_issued: "Lien de mot de passe créé",
    user_password_set: "Mot de passe choisi",
    subscription_access_given: "Accès à un abonnement donné",
    subscription_access_removed: "Accès à un abonnement retiré",
    subscription_renamed: "Abonnement renommé",
    subscription_quantity_changed: "Quantité modifiée",
    subscription_auto_renew_changed: "Renouvellement automatique modifié",
    subscription_suspended: "Abonnement suspendu",
    subscription_reactivated: "Abonnement réactivé",
    subscription_cancelled: "Abonnement annulé",
    order_placed: "Commande passée",
    invoice_payment_recorded: "Paiement enregistré",
    api_key_created: "Clé d’API créée",
    api_key_revoked: "Clé d’API révoquée",
    group_customer: "Clients",
    group_relationship: "Relations",
    group_invitation: "Invitations",
    group_user: "Utilisateurs et rôles",
    group_subscription: "Abonnements",
    group_order: "Commandes",
    group_invoice: "Paiements",
    group_api_key: "Clés d’API",
    group_subscription_access: "Accès aux abonnements",
    defender_onboarded: "Defender pour IoT activé",
    defender_devices_changed: "Appareils engagés modifiés",
    defender_offboarded: "Defender pour IoT désactivé",
    budget_changed: "Budget de dépenses modifié",
    subscription_azure_added: "Abonnement Azure ajouté",
    subscription_azure_cancelled: "Abonnement Azure annulé",
    subscription_upgrade_requested: "Mise à niveau vers un plan Azure demandée",
    subscription_registration_requested: "Inscription demandée",
    subscription_support_contact_changed: "Contact de support modifié",
    azure_stack_registered: "Déploiement Azure Stack Hub inscrit",
    azure_stack_changed: "Inscription Azure Stack Hub modifiée",
    azure_stack_removed: "Inscription Azure Stack Hub supprimée",
    group_defender: "Defender pour IoT",
    group_budget: "Budgets de dépenses",
    group_azure_stack: "Azure Stack Hub",
    defender_sensor_added: "Capteur ajouté",
    defender_sensor_deleted: "Capteur supprimé",
    invoice_voided: "Facture annulée",
    invoice_adjusted: "Avoir ou complément émis",
    title: "Activité",
    intro_partner: "Toutes les modifications faites par votre personnel et les administrateurs de vos clients, des plus récentes aux plus anciennes.",
    intro_customer: "Toutes les modifications faites à votre organisation, des plus récentes aux plus anciennes.",
    kind: "Type de modification",
    all: "Toutes",
    customer: "Client",
    all_customers: "Tous les clients",
    since: "Du",
    until: "Au",
    apply: "Afficher",
    caption: "Modifications, des plus récentes aux plus anciennes",
    col_when: "Quand",
    col_who: "Qui",
    col_what: "Quoi",
    col_object: "Sur",
    col_change: "Modification",
    col_request: "ID de requête",
    empty: "Aucune modification ne correspond.",
    more: "Afficher des modifications plus anciennes",
    export: "Exporter en CSV",
    exporting: "Export en cours…",
};

pub static UPGRADE: Upgrade = Upgrade {
    title: "Mettre à niveau vers un plan Azure",
    intro: "Microsoft Azure (MS-AZR-0145P) est l’offre historique : cet abonnement peut passer à un plan Azure, l’offre sous laquelle Azure est vendu aujourd’hui. Ce qui change :",
    keeps_id: |id| {
        format!(
            "L’abonnement Azure garde son ID ({id}) et tout ce qu’il contient : rien n’est déplacé ni arrêté."
        )
    },
    billed_from: "À partir du jour de la mise à niveau, sa consommation est facturée sous le plan Azure, aux prix du plan Azure.",
    legacy_ends: "Cet abonnement Microsoft Azure prend fin ; sa consommation jusqu’à la mise à niveau est facturée comme avant.",
    eligible: "Le client peut être mis à niveau maintenant.",
    start: "Mettre à niveau vers un plan Azure",
    confirm_title: "Mettre à niveau vers un plan Azure ?",
    confirm_effect: "Le client obtient un plan Azure, l’abonnement Azure passe dessous avec le même ID, et cet abonnement Microsoft Azure prend fin. C’est irréversible.",
    in_progress: "La mise à niveau est en cours : cette page la suit.",
    succeeded: "La mise à niveau a réussi : l’abonnement Azure fonctionne désormais sous le plan Azure, et cet abonnement Microsoft Azure a pris fin.",
    open_plan: "Ouvrir le plan Azure",
    failed: |reason| {
        format!(
            "La mise à niveau a échoué : {reason} Rien n’a été modifié ; vérifiez à nouveau et relancez-la."
        )
    },
    check_again: "Vérifier à nouveau",
    ask_admin: "Un administrateur du client ou le partenaire peut lancer la mise à niveau.",
    refused_in_progress: "Une mise à niveau vers un plan Azure est déjà en cours.",
    refused_no_legacy: "Il ne reste aucun abonnement Microsoft Azure à mettre à niveau.",
    refused_has_plan: "Le client a déjà un plan Azure : une mise à niveau ne peut pas lui en donner un second. Demandez au partenaire de déplacer les ressources de cet abonnement vers le plan Azure.",
    available: |name| format!("{name} peut passer à un plan Azure."),
};
