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
