# Varnish in front of gunicorn (make varnish). Caches what Django marks cacheable for anonymous
# visitors; never the admin, search, forms, health checks or anyone with a session. A PURGE drops
# that path and everything below it: the portal sends a PURGE of "/" on every public change
# (portal/frontend_purge.py), which drops every page.
vcl 4.1;

backend default {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
}

acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        ban("obj.http.x-url ~ ^" + req.url);
        return (synth(200, "Purged"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/(admin|search|healthz|alumni/share-your-story|alumni/contact|documents)") {
        return (pass);
    }
    if (req.http.Cookie ~ "sessionid=") {
        return (pass);
    }
    unset req.http.Cookie;
    return (hash);
}

sub vcl_backend_response {
    set beresp.http.x-url = bereq.url;
    if (beresp.http.Set-Cookie || beresp.http.Cache-Control ~ "(private|no-cache|no-store)") {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    set beresp.grace = 1h;
}

sub vcl_deliver {
    unset resp.http.x-url;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
