{{/* Name of a service's resources: "swv-<service>". */}}
{{- define "swv.fullname" -}}
swv-{{ . }}
{{- end -}}

{{- define "swv.labels" -}}
app.kubernetes.io/name: {{ include "swv.fullname" .name }}
app.kubernetes.io/part-of: swv
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version }}
{{- end -}}

{{- define "swv.selector" -}}
app.kubernetes.io/name: {{ include "swv.fullname" .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{- define "swv.secretName" -}}
{{- if .Values.secrets.existingSecret -}}{{ .Values.secrets.existingSecret }}{{- else -}}swv-secrets{{- end -}}
{{- end -}}

{{/* The environment every container of a service gets. */}}
{{- define "swv.env" -}}
- name: SWV_DATABASE_URL
  valueFrom:
    secretKeyRef:
      name: {{ include "swv.secretName" .root }}
      key: {{ .name }}DatabaseUrl
- name: SWV_PAGE_TOKEN_SECRET
  valueFrom:
    secretKeyRef:
      name: {{ include "swv.secretName" .root }}
      key: pageTokenSecret
      optional: true
{{- /* Service identity (docs/operations.md): mutual TLS everywhere, token keys by role. */}}
- name: SWV_GRPC_TLS_CERT
  value: /identity/tls.crt
- name: SWV_GRPC_TLS_KEY
  value: /identity/tls.key
- name: SWV_GRPC_TLS_CA
  value: /identity/ca.crt
{{- if ne .name "gateway" }}
- name: SWV_TRUSTED_KEYS
  value: gateway=/identity/gateway.pub,service=/identity/service.pub,staff=/identity/staff.pub
{{- end }}
{{- if eq .name "gateway" }}
- name: SWV_SIGNING_KEY
  value: /identity/gateway.key
{{- /* OAuth (docs/oauth.md): the issuer is the public URL; without one the gateway issues no tokens. */}}
- name: SWV_OAUTH_ISSUER
  value: {{ .root.Values.oauth.issuer | default "none" | quote }}
- name: SWV_OAUTH_SIGNING_KEY
  value: /identity/oauth.key
{{- if .root.Values.oauth.trustedIssuers }}
- name: SWV_OAUTH_TRUSTED_ISSUERS
  value: {{ .root.Values.oauth.trustedIssuers | quote }}
{{- end }}
{{- if .root.Values.oauth.audience }}
- name: SWV_OAUTH_AUDIENCE
  value: {{ .root.Values.oauth.audience | quote }}
{{- end }}
{{- else if ne .name "registrations" }}
- name: SWV_SIGNING_KEY
  value: /identity/service.key
{{- end }}
- name: SWV_LOG_LEVEL
  value: {{ .root.Values.common.logLevel | quote }}
- name: SWV_SHUTDOWN_GRACE
  value: {{ .root.Values.common.shutdownGrace | quote }}
- name: SWV_DB_POOL_SIZE
  value: {{ .root.Values.common.dbPoolSize | quote }}
{{- if .root.Values.databaseTlsCa }}
- name: SWV_DB_TLS_CA
  value: /etc/swv/db-ca.pem
{{- end }}
{{- range $key, $value := .service.extraEnv }}
- name: {{ $key }}
  value: {{ $value | quote }}
{{- end }}
{{- end -}}
