use super::Messages;

pub static MESSAGES: Messages = Messages {
    app_name: "Portail de facturation",
    skip_to_content: "Aller au contenu principal",
    main_navigation: "Principale",
    nav_overview: "Vue d’ensemble",
    nav_customers: "Clients",
    language: "Langue",
    customer_in_view: "Client affiché",
    choose_customer: "Choisissez un client…",
    sign_out: "Se déconnecter",
    signed_in_as: |name, role| format!("{name}, {role}"),
    loading: "Chargement…",
    try_again: "Réessayer",

    role_global_admin: "Administrateur général",
    role_admin_agent: "Agent d’administration",
    role_sales_agent: "Agent commercial",
    role_billing_admin: "Administrateur de facturation",
    role_customer_admin: "Administrateur client",
    role_customer_reader: "Lecteur client",

    sign_in_title: "Connexion",
    sign_in_heading: "Connectez-vous au portail de facturation",
    email: "Adresse e-mail",
    password: "Mot de passe",
    sign_in: "Se connecter",
    signing_in: "Connexion…",
    session_ended: "Votre session a pris fin. Reconnectez-vous pour reprendre là où vous étiez.",
    fix_fields: "Corrigez les champs signalés, puis reconnectez-vous.",

    field_required: "Ce champ est obligatoire.",
    field_not_an_email: "Saisissez une adresse e-mail, par exemple nom@exemple.fr.",
    field_too_long: |max| format!("Utilisez au plus {max} caractères."),

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

    overview_title: "Vue d’ensemble",
    welcome: |name| format!("Bienvenue, {name}"),
    no_customer_in_view: "Choisissez un client dans la liste « Client affiché » pour travailler sur son compte.",
    see_all_customers: "Voir tous les clients",
    company: "Entreprise",
    domain: "Domaine",
    country: "Pays",
    billing_currency: "Devise de facturation",
    relationship: "Relation",
    relationship_reseller: "Revendeur : vous facturez ce client",
    billing_period: "Période de facturation en cours",
    billing_period_range: |start, end| format!("du {start} au {end}"),
    billing_period_explained: "La facturation suit le mois civil : les frais de cette période figurent sur la facture émise au début du mois prochain.",

    customers_title: "Clients",
    // In French, 0 and 1 take the singular.
    customers_count: |n, count| {
        if count <= 1 { format!("{n} client") } else { format!("{n} clients") }
    },
    customers_empty: "Aucun client pour l’instant. Un client apparaît ici dès qu’il accepte votre relation de revendeur.",
    customers_caption: "Clients auxquels vous revendez",
    actions: "Actions",
    view_customer: |name| format!("Afficher {name}"),
    view: "Afficher",
    in_view: "Affiché",
    partner_only: "Cette page est réservée aux utilisateurs partenaires. Les informations de votre organisation sont dans la vue d’ensemble.",

    not_found_title: "Page introuvable",
    not_found_body: "Il n’y a rien à cette adresse. Vérifiez le lien, ou revenez à la vue d’ensemble.",
    back_to_overview: "Retour à la vue d’ensemble",
};
