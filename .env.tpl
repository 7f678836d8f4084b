# Copy to .env (or export) to configure Gofal. Every setting has a safe default for the demo.
# DATABASE_URL=postgres://gofal@127.0.0.1:5432/gofal   # default: SQLite file under var/
# GOFAL_SECRET_KEY=change-me
# GOFAL_DEBUG=false
# GOFAL_ALLOWED_HOSTS=localhost,127.0.0.1
# GOFAL_CSRF_TRUSTED_ORIGINS=https://gofal.example.gov.wales
# GOFAL_SECURE_COOKIES=true
# GOFAL_EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend
# GOFAL_FROM_EMAIL=gofal@example.gov.wales
# GOFAL_MEDIA_ROOT=/srv/gofal/media
# GOFAL_UPLOAD_MAX_BYTES=20971520
# GOFAL_SESSION_SECONDS=28800
# GOFAL_CONN_MAX_AGE=60
# PORT=8000
